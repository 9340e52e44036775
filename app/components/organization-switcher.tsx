/* eslint-disable i18next/no-literal-string -- its words are still to be moved into the catalogs */
import { Form } from "@remix-run/react";
import { SelectField } from "./forms";

type Props = { current: string; organizations: { id: string; name: string }[] };

/** For people who belong to several organizations; a plain form, so it works without JavaScript. */
export function OrganizationSwitcher({ current, organizations }: Props) {
  if (organizations.length < 2) return null;
  return (
    <Form method="post" action="/switch-organization" className="flex items-end gap-2">
      <SelectField
        look="inline"
        field={{ id: "organization-switcher", name: "organizationId", initialValue: current }}
        label="Organization"
        options={organizations.map((o) => [o.id, o.name] as const)}
      />
      <button type="submit" className="btn-secondary min-h-[36px] py-1">
        Switch
      </button>
    </Form>
  );
}
