import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clientAddressKey } from "../../app/utils/client-address.server";

describe("clientAddressKey", () => {
  it("keeps an IPv4 address as it is", () => {
    expect(clientAddressKey("203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddressKey("203.0.113.8")).not.toBe(clientAddressKey("203.0.113.7"));
  });

  it("reads an IPv4-mapped IPv6 address as the IPv4 address, in either spelling", () => {
    expect(clientAddressKey("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddressKey("::FFFF:cb00:7107")).toBe("203.0.113.7");
    expect(clientAddressKey("0:0:0:0:0:ffff:203.0.113.7")).toBe("203.0.113.7");
  });

  it("counts a whole IPv6 /64 as one address, however it is written", () => {
    const key = clientAddressKey("2001:db8:1:2:3:4:5:6");
    expect(key).toBe("2001:db8:1:2::/64");
    for (const sameNetwork of ["2001:db8:1:2::1", "2001:0DB8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2::7%eth0"]) {
      expect(clientAddressKey(sameNetwork)).toBe(key);
    }
    expect(clientAddressKey("2001:db8:1:3::1")).not.toBe(key);
    expect(clientAddressKey("2001:db8::1")).toBe("2001:db8:0:0::/64");
    expect(clientAddressKey("::1")).toBe("0:0:0:0::/64");
  });

  it("gives the same key for the full and the shortest spelling of any IPv6 address", () => {
    // Zero groups often, so that "::" and IPv4-mapped addresses come up.
    const group = fc.oneof(fc.constant(0), fc.constant(0xffff), fc.integer({ min: 0, max: 0xffff }));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), (groups) => {
        const full = groups.map((n) => n.toString(16).padStart(4, "0")).join(":");
        // The URL parser writes an IPv6 host in its shortest form, "::" and all.
        const shortest = new URL(`http://[${full}]/`).hostname.slice(1, -1);
        const [g, h] = groups.slice(6) as [number, number];
        const network = groups.slice(0, 4).map((n) => n.toString(16));
        const expected =
          groups.slice(0, 6).join(",") === "0,0,0,0,0,65535"
            ? [g >> 8, g & 0xff, h >> 8, h & 0xff].join(".")
            : `${network.join(":")}::/64`;
        expect(clientAddressKey(full)).toBe(expected);
        expect(clientAddressKey(shortest)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("an IPv6 address with IPv4 at its end that is not IPv4-mapped is still IPv6", () => {
    expect(clientAddressKey("64:ff9b::203.0.113.7")).toBe("64:ff9b:0:0::/64");
  });

  it("passes anything that is not an address through unchanged", () => {
    expect(clientAddressKey("unknown")).toBe("unknown");
    expect(clientAddressKey("")).toBe("");
  });
});
