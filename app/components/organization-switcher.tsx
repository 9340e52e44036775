import { Form } from "@remix-run/react";

type Props = { current: string; organizations: { id: string; name: string }[] };

/** For people who belong to several organizations; a plain form, so it works without JavaScript. */
export function OrganizationSwitcher({ current, organizations }: Props) {
  if (organizations.length < 2) return null;
  return (
    <Form method="post" action="/switch-organization" className="flex items-end gap-2">
      <div>
        <label htmlFor="organization-switcher" className="block text-sm">
          Organization
        </label>
        <select
          id="organization-switcher"
          name="organizationId"
          defaultValue={current}
          className="rounded-md border-slate-400 py-1"
        >
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="btn-secondary min-h-[36px] py-1">
        Switch
      </button>
    </Form>
  );
}
