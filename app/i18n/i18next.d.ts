// Catalog keys are types: `t("a.key.that.does.not.exist")` fails `npm run typecheck`. English is the
// reference; a test holds every other language to the same keys.
import "i18next";
import type auth from "~/locales/en/auth.json";
import type common from "~/locales/en/common.json";
import type email from "~/locales/en/email.json";
import type portal from "~/locales/en/portal.json";
import type staff from "~/locales/en/staff.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: {
      common: typeof common;
      auth: typeof auth;
      portal: typeof portal;
      staff: typeof staff;
      email: typeof email;
    };
  }
}
