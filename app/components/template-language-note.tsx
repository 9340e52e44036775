// Said once on an assessment page when its checklist is not (all) in the reader's language: an
// earlier version made before the translation, or parts not yet translated, are shown in English.
import { useTranslation } from "react-i18next";
import type { TemplateFallback } from "~/utils/template-translations";

export function TemplateLanguageNote({ fallback, version }: { fallback: TemplateFallback; version: number }) {
  const { t } = useTranslation("staff");
  if (fallback === "none") return null;
  return (
    <p className="mt-2 max-w-3xl rounded-md border border-slate-400 bg-slate-50 p-3 text-slate-800">
      {fallback === "all"
        ? t("assessmentTemplates.onlyInEnglish", { version })
        : t("assessmentTemplates.partlyInEnglish")}
    </p>
  );
}
