// Northwind's onboarding steps and activity types in Spanish, as its admins would write them on the
// settings pages, so Lucía (who reads Spanish) sees her organization's own words in Spanish. Harbor
// Light wrote them in English only. Safe to repeat: the same words are written again.
import { and, eq } from "drizzle-orm";
import { activityTypes, checklistItems } from "../schema";
import type { Executor } from "../../app/utils/db.server";

const CHECKLIST_ES: Record<string, string> = {
  "Agreement signed": "Acuerdo firmado",
  "Tax form (W-9) received": "Formulario de impuestos (W-9) recibido",
  "Payment method on file": "Método de pago registrado",
  "Orientation completed": "Orientación completada",
  "Consent choices reviewed": "Decisiones de consentimiento revisadas",
  "Portal account created": "Cuenta del portal creada",
};

const ACTIVITIES_ES: Record<string, string> = {
  "Needs assessment": "Evaluación de necesidades",
  "Advisory board": "Consejo asesor",
  "Curriculum or materials review": "Revisión de currículo o materiales",
  "Policy review": "Revisión de políticas",
  "Program model co-design": "Codiseño del modelo del programa",
  "Hiring panel": "Comité de contratación",
  "Co-facilitating training": "Cofacilitación de capacitaciones",
  "Peer mentoring or support": "Mentoría o apoyo entre pares",
  Speaking: "Charlas y presentaciones",
  Outreach: "Difusión",
  "Technical assistance": "Asistencia técnica",
  "Evaluation design": "Diseño de la evaluación",
  "Survey or interview instrument review": "Revisión de encuestas o guías de entrevista",
  "Focus group": "Grupo focal",
  "Data interpretation": "Interpretación de datos",
  "Reviewing findings and reports": "Revisión de hallazgos e informes",
};

export function ensureDemoLabelWords(tx: Executor, organizationId: string, orgName: string) {
  if (orgName !== "Northwind Alliance") return;
  for (const [label, es] of Object.entries(CHECKLIST_ES)) {
    tx.update(checklistItems)
      .set({ translations: { es: { label: es } } })
      .where(and(eq(checklistItems.organizationId, organizationId), eq(checklistItems.label, label)))
      .run();
  }
  for (const [label, es] of Object.entries(ACTIVITIES_ES)) {
    tx.update(activityTypes)
      .set({ translations: { es: { label: es } } })
      .where(and(eq(activityTypes.organizationId, organizationId), eq(activityTypes.label, label)))
      .run();
  }
}
