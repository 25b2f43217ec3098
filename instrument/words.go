package instrument

import "github.com/r3l/r3l/internal/i18n"

// words are the questionnaires' own words in each language, with those
// they share with the reports.
var words = i18n.Common.With(i18n.Words{
	// The template's second line: the command that makes the schema file
	// its first line names.
	"tpl.schema":      {"en": "To make it:", "de": "Erstellen mit:", "sv": "Skapa den med:"},
	"tpl.intro":       {"en": "Self-assessment questionnaire: one file per respondent. Fill in the region, period and who you are, then rate each indicator after its id. Leave an answer empty if you skip it.", "de": "Fragebogen zur Selbstbewertung: eine Datei je Person. Tragen Sie Region, Zeitraum und Ihre Rolle ein und bewerten Sie dann jeden Indikator hinter seiner Kennung. Lassen Sie eine Antwort leer, wenn Sie sie auslassen.", "sv": "Självvärderingsenkät: en fil per svarande. Fyll i region, period och vem du är, och bedöm sedan varje indikator efter dess id. Lämna ett svar tomt om du hoppar över det."},
	"tpl.imported":    {"en": "Read by r3l import from %s: check it and correct it if need be.", "de": "Von r3l import aus %s gelesen: prüfen und bei Bedarf korrigieren.", "sv": "Läst av r3l import från %s: kontrollera och rätta vid behov."},
	"tpl.long":        {"en": "To add evidence or a comment, write the answer in its long form:", "de": "Für Nachweise oder einen Kommentar schreiben Sie die Antwort in der Langform:", "sv": "För belägg eller en kommentar skriver du svaret i lång form:"},
	"tpl.region":      {"en": "short id, e.g. lake-constance", "de": "kurze Kennung, z. B. lake-constance", "sv": "kort id, t.ex. lake-constance"},
	"tpl.country":     {"en": "e.g. DE", "de": "z. B. DE", "sv": "t.ex. SE"},
	"tpl.group":       {"en": "peer group for comparisons, optional", "de": "Vergleichsgruppe, optional", "sv": "jämförelsegrupp, valfri"},
	"tpl.period":      {"en": "e.g. \"2024\"", "de": "z. B. \"2024\"", "sv": "t.ex. \"2024\""},
	"tpl.respondent":  {"en": "your id within this assessment, e.g. r07", "de": "Ihre Kennung in dieser Bewertung, z. B. r07", "sv": "ditt id i denna värdering, t.ex. r07"},
	"tpl.role":        {"en": "e.g. lead-partner, adult-education, school, university, employer, civil-society", "de": "z. B. lead-partner, adult-education, school, university, employer, civil-society", "sv": "t.ex. lead-partner, adult-education, school, university, employer, civil-society"},
	"tpl.roles":       {"en": "your stakeholder group, one of:", "de": "Ihre Akteursgruppe, eine von:", "sv": "din aktörsgrupp, en av:"},
	"tpl.roles.other": {"en": "(or your own, if none of these fits)", "de": "(oder eine eigene, wenn keine davon passt)", "sv": "(eller en egen, om ingen av dessa passar)"},
	"tpl.priorities":  {"en": "Priorities: in each area, list up to %d criteria that matter most to you, most important first, e.g. %s.", "de": "Prioritäten: Nennen Sie je Bereich bis zu %d Kriterien, die Ihnen am wichtigsten sind, das wichtigste zuerst, z. B. %s.", "sv": "Prioriteringar: ange i varje område upp till %d kriterier som är viktigast för dig, det viktigaste först, t.ex. %s."},
	"tpl.number":      {"en": "a number", "de": "eine Zahl", "sv": "ett tal"},
	"evidence":        {"en": "Evidence", "de": "Nachweise", "sv": "Belägg"},
	"title":           {"en": "Self-assessment questionnaire", "de": "Fragebogen zur Selbstbewertung", "sv": "Självvärderingsenkät"},
	"how":             {"en": "How to fill in this workbook", "de": "So füllen Sie diese Arbeitsmappe aus", "sv": "Så fyller du i arbetsboken"},
	"step.region": {
		"en": "Sheet %s: check the region and period, fill in the region's name and country if they are empty, and say who you are: your respondent id (as agreed with the coordinator) and your role, such as employer or school. Leave the framework as it is.",
		"de": "Blatt %s: Prüfen Sie Region und Zeitraum, ergänzen Sie Name und Land der Region, falls sie fehlen, und geben Sie an, wer Sie sind: Ihre Kennung (wie mit der Koordination vereinbart) und Ihre Rolle, etwa employer oder school. Lassen Sie den Rahmen unverändert.",
		"sv": "Bladet %s: kontrollera region och period, fyll i regionens namn och land om de saknas, och ange vem du är: ditt id (enligt överenskommelse med samordnaren) och din roll, till exempel employer eller school. Låt ramverket stå som det är.",
	},
	"step.answers": {
		"en": "Sheet %[1]s: one row per indicator. Read the statement in column %[2]s and choose your answer in column %[3]s from the drop-down list (or type the value or code before the dash, or the text after it). Leave the answer empty to skip an indicator. Under %[4]s, name documents or facts behind your answer; under %[5]s, anything else you want to say. Select a cell to see a hint; a criterion's key question is in the note on its title.",
		"de": "Blatt %[1]s: eine Zeile je Indikator. Lesen Sie die Aussage in Spalte %[2]s und wählen Sie Ihre Antwort in Spalte %[3]s aus der Liste (oder tippen Sie den Wert oder Code vor dem Strich oder den Text danach). Lassen Sie die Antwort leer, um einen Indikator auszulassen. Unter %[4]s nennen Sie Dokumente oder Fakten, auf die sich Ihre Antwort stützt, unter %[5]s alles Weitere. Eine ausgewählte Zelle zeigt einen Hinweis; die Leitfrage eines Kriteriums steht im Kommentar an seinem Titel.",
		"sv": "Bladet %[1]s: en rad per indikator. Läs påståendet i kolumnen %[2]s och välj ditt svar i kolumnen %[3]s i listan (eller skriv värdet eller koden före strecket, eller texten efter det). Lämna svaret tomt för att hoppa över en indikator. Under %[4]s anger du dokument eller fakta bakom ditt svar, under %[5]s allt annat du vill säga. En markerad cell visar en ledtråd; ett kriteriums nyckelfråga finns i kommentaren vid dess rubrik.",
	},
	"step.priorities": {
		"en": "Sheet %s: in each area, choose up to %d criteria that matter most for your region, the most important as rank 1. Leave ranks empty if you have no preference.",
		"de": "Blatt %s: Wählen Sie je Bereich bis zu %d Kriterien, die für Ihre Region am wichtigsten sind, das wichtigste als Rang 1. Lassen Sie Ränge leer, wenn Sie keine Präferenz haben.",
		"sv": "Bladet %s: välj i varje område upp till %d kriterier som är viktigast för din region, det viktigaste som rang 1. Lämna rangerna tomma om du inte har någon preferens.",
	},
	"step.save": {
		"en": "Save the workbook as .xlsx, keeping its sheets, their names and the IDs as they are, and return it to the coordinator, who reads it with r3l.",
		"de": "Speichern Sie die Arbeitsmappe als .xlsx, ohne Blätter, Blattnamen oder Kennungen zu ändern, und senden Sie sie an die Koordination zurück, die sie mit r3l auswertet.",
		"sv": "Spara arbetsboken som .xlsx utan att ändra bladen, deras namn eller id:n, och skicka tillbaka den till samordnaren, som läser den med r3l.",
	},
	"scales":         {"en": "What the answers mean", "de": "Was die Antworten bedeuten", "sv": "Vad svaren betyder"},
	"code":           {"en": "code", "de": "Code", "sv": "kod"},
	"yes":            {"en": "yes", "de": "ja", "sv": "ja"},
	"no":             {"en": "no", "de": "nein", "sv": "nej"},
	"list.na":        {"en": "not applicable", "de": "nicht zutreffend", "sv": "ej tillämplig"},
	"list.dk":        {"en": "don't know", "de": "weiß nicht", "sv": "vet inte"},
	"priorities.how": {"en": "How priorities count", "de": "Wie Prioritäten zählen", "sv": "Hur prioriteringar räknas"},
	"priorities.text": {
		"en": "Each rank earns points: %s. The coordinator adds up the points of all respondents per criterion, so the criteria that most respondents put first lead the list.",
		"de": "Jeder Rang bringt Punkte: %s. Die Koordination zählt die Punkte aller Befragten je Kriterium zusammen; so stehen die Kriterien vorn, die die meisten Befragten zuerst nennen.",
		"sv": "Varje rang ger poäng: %s. Samordnaren summerar alla svarandes poäng per kriterium, så att de kriterier som flest sätter först hamnar överst.",
	},
	"rank":        {"en": "Rank", "de": "Rang", "sv": "Rang"},
	"rank.inline": {"en": "rank", "de": "Rang", "sv": "rang"},
	"point":       {"en": "point", "de": "Punkt", "sv": "poäng"},
	"points":      {"en": "points", "de": "Punkte", "sv": "poäng"},
	"protected":   {"en": "Protected cells", "de": "Geschützte Zellen", "sv": "Skyddade celler"},
	"protected.text": {
		"en": "Shaded cells (IDs, statements, titles) are protected against accidental changes; the white cells are yours to fill in. The protection has no password: Review › Unprotect Sheet lifts it if you must change something else.",
		"de": "Schattierte Zellen (Kennungen, Aussagen, Titel) sind gegen versehentliche Änderungen geschützt; die weißen Zellen füllen Sie aus. Der Schutz hat kein Kennwort: Überprüfen › Blattschutz aufheben, falls Sie doch etwas anderes ändern müssen.",
		"sv": "Skuggade celler (id, påståenden, rubriker) är skyddade mot oavsiktliga ändringar; de vita cellerna fyller du i. Skyddet har inget lösenord: Granska › Ta bort skydd för blad om du ändå måste ändra något annat.",
	},
	"field":          {"en": "Field", "de": "Feld", "sv": "Fält"},
	"value":          {"en": "Value", "de": "Wert", "sv": "Värde"},
	"notes":          {"en": "Notes", "de": "Hinweise", "sv": "Anmärkningar"},
	"required":       {"en": "required", "de": "Pflichtangabe", "sv": "obligatoriskt"},
	"framework.hint": {"en": "the framework and version this workbook was made for; do not change", "de": "Rahmen und Version, für die diese Arbeitsmappe erstellt wurde; bitte nicht ändern", "sv": "ramverket och versionen som arbetsboken gjordes för; ändra inte"},
	"role.hint":      {"en": "your stakeholder group: choose it from the list, or type your own if none fits", "de": "Ihre Akteursgruppe: aus der Liste wählen oder eine eigene eintragen, wenn keine passt", "sv": "din aktörsgrupp: välj den i listan, eller skriv en egen om ingen passar"},
	"role.title":     {"en": "Role", "de": "Rolle", "sv": "Roll"},
	"role.offlist": {
		"en": "This role is not on the framework's list. r3l keeps it as written, and its respondents form a stakeholder group of their own. Keep it anyway?",
		"de": "Diese Rolle steht nicht in der Liste des Rahmens. r3l übernimmt sie wie geschrieben, und ihre Befragten bilden eine eigene Akteursgruppe. Trotzdem übernehmen?",
		"sv": "Rollen finns inte i ramverkets lista. r3l behåller den som den är skriven, och dess svarande bildar en egen aktörsgrupp. Behåll ändå?",
	},
	"name.hint": {"en": "the region's name, e.g. Lake Constance Learning Region", "de": "Name der Region, z. B. Lernende Region Bodensee", "sv": "regionens namn, t.ex. Lärande region Bodensjön"},
	"answer":    {"en": "Answer", "de": "Antwort", "sv": "Svar"},
	"answer.prompt": {
		"en": "Choose from the list, or type the value or code before the dash, or the text after it. Leave empty to skip.",
		"de": "Aus der Liste wählen oder den Wert bzw. Code vor dem Strich oder den Text danach tippen. Leer lassen, um auszulassen.",
		"sv": "Välj i listan eller skriv värdet eller koden före strecket, eller texten efter det. Lämna tomt för att hoppa över.",
	},
	"offlist.title":   {"en": "Not on the list", "de": "Nicht in der Liste", "sv": "Inte i listan"},
	"offlist.text":    {"en": "r3l reads this answer only if it is one of: %s. Keep it anyway?", "de": "r3l liest diese Antwort nur, wenn sie eine der folgenden ist: %s. Trotzdem übernehmen?", "sv": "r3l läser svaret bara om det är ett av: %s. Behåll ändå?"},
	"offlist.label":   {"en": "a label from the list", "de": "eine Bezeichnung aus der Liste", "sv": "en benämning ur listan"},
	"evidence.prompt": {"en": "Evidence, for example", "de": "Nachweise, zum Beispiel", "sv": "Belägg, till exempel"},
	"priority.prompt": {"en": "Choose a criterion of this area from the list; rank 1 is the most important.", "de": "Wählen Sie ein Kriterium dieses Bereichs aus der Liste; Rang 1 ist das wichtigste.", "sv": "Välj ett kriterium i detta område i listan; rang 1 är det viktigaste."},
	"question":        {"en": "Key question", "de": "Leitfrage", "sv": "Nyckelfråga"},
})
