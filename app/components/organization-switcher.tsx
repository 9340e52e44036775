import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField } from "./forms";

type Props = { current: string; organizations: { id: string; name: string }[] };

/** For people who belong to several organizations; a plain form, so it works without JavaScript. */
export function OrganizationSwitcher({ current, organizations }: Props) {
  const { t } = useTranslation();
  if (organizations.length < 2) return null;
  return (
    <Form method="post" action="/switch-organization" className="flex items-end gap-2">
      <SelectField
        look="inline"
        field={{ id: "organization-switcher", name: "organizationId", initialValue: current }}
        label={t("organizationSwitcher.label")}
        options={organizations.map((o) => [o.id, o.name] as const)}
      />
      <button type="submit" className="btn-secondary min-h-[36px] py-1">
        {t("organizationSwitcher.switch")}
      </button>
    </Form>
  );
}
