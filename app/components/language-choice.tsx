import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { languageName, LANGUAGES } from "~/i18n/config";
import type { OwnLanguageSchema } from "~/utils/language-schema";
import { SelectField } from "./forms";

// Each language by its own name, so a person who cannot read this page still finds theirs.
const languageOptions = LANGUAGES.map((code) => [code, languageName(code)] as const);

/**
 * A signed-in person's own language, on the staff account page and the portal profile: each offered
 * language, or "the same as my browser". A plain form, so it works without JavaScript; it posts to the
 * page it is on, named by its `intent` (the portal profile has another form too).
 */
export function LanguageChoice({
  current,
  reply,
  saveLabel,
}: {
  current: string;
  reply?: SubmissionResult<string[]>;
  saveLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof OwnLanguageSchema>>({
    id: "my-language",
    lastResult: reply,
    shouldValidate: "onSubmit",
    defaultValue: { language: current },
  });
  return (
    <Form method="post" {...getFormProps(form)}>
      <input type="hidden" name="intent" value="language" />
      <SelectField
        field={fields.language}
        label={t("language.preferred")}
        help={t("language.preferredHelp")}
        placeholder={t("language.followBrowser")}
        options={languageOptions}
        languageNames
      />
      <button type="submit" className="btn-primary w-full sm:w-auto" disabled={navigation.state === "submitting"}>
        {saveLabel}
      </button>
    </Form>
  );
}
