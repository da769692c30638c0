<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="sv_SE" sourcelanguage="en">
<context>
    <name />
    <message>
        <source>Millions of {currency}</source>
        <translation>Miljoner {currency}</translation>
    </message>
    <message>
        <source>Thousands of {currency}</source>
        <translation>Tusental {currency}</translation>
    </message>
    <message>
        <source>Expected cash in per week, next {weeks} weeks</source>
        <translation>Förväntade inbetalningar per vecka, kommande {weeks} veckor</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Förväntat</translation>
    </message>
    <message>
        <source>Uncertainty band</source>
        <translation>Osäkerhetsintervall</translation>
    </message>
    <message>
        <source>w{week}</source>
        <translation>v{week}</translation>
    </message>
    <message>
        <source>Week {week} ({start} – {end})
Expected: {expected} from {invoices}
Band: {low} to {high}
Click to list the invoices.</source>
        <translation>Vecka {week} ({start} – {end})
Förväntat: {expected} från {invoices}
Intervall: {low} till {high}
Klicka för att lista fakturorna.</translation>
    </message>
    <message>
        <source>{label}: {amount} in {invoices}
Click to list them.</source>
        <translation>{label}: {amount} i {invoices}
Klicka för att lista dem.</translation>
    </message>
    <message>
        <source>Still due, by days overdue</source>
        <translation>Kvar att betala, efter dagar sedan förfallodatum</translation>
    </message>
    <message>
        <source>Days overdue</source>
        <translation>Dagar efter förfallodatum</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Fakturor</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>Kvar att betala</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Click to list the invoices.</source>
        <translation>Klicka för att lista fakturorna.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Average days late</source>
        <translation>Genomsnittlig försening i dagar</translation>
    </message>
    <message>
        <source>Invoices counted</source>
        <translation>Antal fakturor</translation>
    </message>
    <message>
        <source>Overdue now</source>
        <translation>Förfallet nu</translation>
    </message>
    <message>
        <source>Days late averaged over each customer's recent paid invoices (early counts as on time) and its invoices overdue today.</source>
        <translation>Genomsnittlig försening i dagar för varje kunds senast betalda fakturor (tidig betalning räknas som i tid) och kundens fakturor som är förfallna i dag.</translation>
    </message>
    <message>
        <source>Nobody is paying late.</source>
        <translation>Ingen betalar sent.</translation>
    </message>
    <message>
        <source>Reminder level</source>
        <translation>Påminnelsenivå</translation>
    </message>
    <message>
        <source>Invoices reminded</source>
        <translation>Fakturor med påminnelse</translation>
    </message>
    <message>
        <source>Paid within 7 days</source>
        <translation>Betalda inom 7 dagar</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Andel</translation>
    </message>
    <message>
        <source>Of the invoices reminded at each level in the last 90 days (up to a week ago), how many were paid in full in the seven days after the reminder went.</source>
        <translation>Av fakturorna som fick påminnelse på respektive nivå de senaste 90 dagarna (fram till för en vecka sedan): hur många som blev helt betalda inom sju dagar efter påminnelsen.</translation>
    </message>
    <message>
        <source>No reminder went out in the last 90 days (up to a week ago).</source>
        <translation>Inga påminnelser skickades under de senaste 90 dagarna (fram till för en vecka sedan).</translation>
    </message>
    <message>
        <source>Click a bar or a row above to list the invoices behind it.</source>
        <translation>Klicka på en stapel eller en rad ovan för att lista fakturorna bakom den.</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Förfallodatum</translation>
    </message>
    <message>
        <source>In company currency</source>
        <translation>I företagets valuta</translation>
    </message>
    <message>
        <source>Expected on</source>
        <translation>Förväntas</translation>
    </message>
    <message>
        <source>no rate</source>
        <translation>kurs saknas</translation>
    </message>
    <message>
        <source>Double-click to open the invoice.</source>
        <translation>Dubbelklicka för att öppna fakturan.</translation>
    </message>
    <message>
        <source>{amount} not included: no exchange rate entered</source>
        <translation>{amount} ingår inte: ingen växelkurs angiven</translation>
    </message>
    <message>
        <source>incl. {amount} converted at {rate}, the rate from {day}</source>
        <translation>inkl. {amount} omräknat till kursen {rate}, kursen från {day}</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} dagar</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation>Ej förfallet</translation>
    </message>
    <message>
        <source>1–30 days</source>
        <translation>1–30 dagar</translation>
    </message>
    <message>
        <source>31–60 days</source>
        <translation>31–60 dagar</translation>
    </message>
    <message>
        <source>61–90 days</source>
        <translation>61–90 dagar</translation>
    </message>
    <message>
        <source>Over 90 days</source>
        <translation>Över 90 dagar</translation>
    </message>
    <message>
        <source>No invoice has been paid yet, so each open invoice is placed at its due date.</source>
        <translation>Ingen faktura har betalats ännu, så varje öppen faktura placeras på sitt förfallodatum.</translation>
    </message>
    <message>
        <source>Each open invoice at its due date plus its customer's median delay over its last {count} invoices paid in the last {days} days (others: the company-wide median, {median} days).</source>
        <translation>Varje öppen faktura på sitt förfallodatum plus kundens mediandröjsmål för de senaste {count} fakturorna som betalats de senaste {days} dagarna (övriga: företagets median, {median} dagar).</translation>
    </message>
    <message>
        <source>Band: the middle half of each customer's delays. Money already late counts in the current week.</source>
        <translation>Intervall: mittersta hälften av varje kunds dröjsmål. Pengar som redan är sena räknas till innevarande vecka.</translation>
    </message>
    <message>
        <source>Database password</source>
        <translation>Databaslösenord</translation>
    </message>
    <message>
        <source>Password for {account} (kept only until the app closes):</source>
        <translation>Lösenord för {account} (sparas bara tills programmet stängs):</translation>
    </message>
    <message>
        <source>Peppol BIS 3 UBL (*.xml)</source>
        <translation>Peppol BIS 3 UBL (*.xml)</translation>
    </message>
    <message>
        <source>Factur-X PDF/A-3 (*.pdf)</source>
        <translation>Factur-X PDF/A-3 (*.pdf)</translation>
    </message>
    <message>
        <source>Export e-invoice</source>
        <translation>Exportera e-faktura</translation>
    </message>
    <message>
        <source>No e-invoice</source>
        <translation>Ingen e-faktura</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
    <message>
        <source>{path} is the ledger's own database file; choose another file.</source>
        <translation>{path} är reskontrans egen databasfil; välj en annan fil.</translation>
    </message>
    <message>
        <source>Nothing of the last action was saved; your typing is still here.</source>
        <translation>Inget av den senaste åtgärden sparades; det du skrivit finns kvar.</translation>
    </message>
    <message>
        <source>Something went wrong inside FINQR Desktop.</source>
        <translation>Något gick fel i FINQR Desktop.</translation>
    </message>
    <message>
        <source>Work saved before this is safe. Check that your last action did what you meant, and try it again. If it keeps happening, press Copy details and send the text to support.</source>
        <translation>Det du sparade innan detta är i säkerhet. Kontrollera att det du senast gjorde blev som du tänkt och försök igen. Om det fortsätter att hända, tryck på Kopiera detaljer och skicka texten till supporten.</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Unpaid</source>
        <translation>Obetald</translation>
    </message>
    <message>
        <source>Partially paid</source>
        <translation>Delbetald</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Betald</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Förfallen</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>Krediterad</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Kreditfaktura</translation>
    </message>
    <message>
        <source>Open (not yet paid)</source>
        <translation>Öppen (ej betald)</translation>
    </message>
    <message>
        <source>{percent} (exempt)</source>
        <translation>{percent} (momsfri)</translation>
    </message>
    <message>
        <source>Reverse charge ({percent})</source>
        <translation>Omvänd skattskyldighet ({percent})</translation>
    </message>
    <message>
        <source>Intra-EU supply ({percent})</source>
        <translation>Unionsintern leverans ({percent})</translation>
    </message>
    <message>
        <source>Export ({percent})</source>
        <translation>Export ({percent})</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Företag</translation>
    </message>
    <message>
        <source>Private person</source>
        <translation>Privatperson</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Svenska</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Engelska</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Bankgiro</source>
        <translation>bankgiro</translation>
    </message>
    <message>
        <source>Plusgiro</source>
        <translation>Plusgiro</translation>
    </message>
    <message>
        <source>Bank transfer</source>
        <translation>Banköverföring</translation>
    </message>
    <message>
        <source>Swish</source>
        <translation>Swish</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Kort</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Kontant</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alla statusar</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>Väntar på godkännande</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Godkänd</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Överhoppad</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Uppskjuten</translation>
    </message>
    <message>
        <source>Goes out when due</source>
        <translation>Skickas på utsatt dag</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Skickas</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckad</translation>
    </message>
    <message>
        <source>Held: the customer has {amount} credit to place first</source>
        <translation>Hålls inne: kunden har ett tillgodohavande på {amount} som ska placeras först</translation>
    </message>
    <message>
        <source>Skip reminder</source>
        <translation>Hoppa över påminnelse</translation>
    </message>
    <message>
        <source>Why is this reminder skipped?</source>
        <translation>Varför hoppar du över påminnelsen?</translation>
    </message>
    <message>
        <source>E-mail is not set up: fill in Settings → E-mail to send.</source>
        <translation>E-post är inte inställd: fyll i Inställningar → E-post för att kunna skicka.</translation>
    </message>
    <message>
        <source>Waiting for the SMTP password: press Send due now to enter it.</source>
        <translation>Väntar på SMTP-lösenordet: tryck på Skicka väntande nu för att ange det.</translation>
    </message>
    <message>
        <source>Some mail waits and is tried again later: {error}</source>
        <translation>En del e-post väntar och skickas på nytt senare: {error}</translation>
    </message>
    <message>
        <source>Sending… {sent} sent so far.</source>
        <translation>Skickar… {sent} skickade hittills.</translation>
    </message>
    <message>
        <source>No run yet.</source>
        <translation>Ingen körning ännu.</translation>
    </message>
    <message>
        <source>Last run at {time} stopped.</source>
        <translation>Senaste körningen kl. {time} stoppades.</translation>
    </message>
    <message>
        <source>Last run at {time}: {sent} sent, {failed} failed, {deferred} to retry later.</source>
        <translation>Senaste körningen kl. {time}: {sent} skickade, {failed} misslyckades, {deferred} skickas om senare.</translation>
    </message>
    <message>
        <source>Next run at {time}.</source>
        <translation>Nästa körning kl. {time}.</translation>
    </message>
    <message>
        <source>Sending… {sent} sent</source>
        <translation>Skickar… {sent} skickade</translation>
    </message>
    <message>
        <source>E-mail: {sent} sent, {failed} failed</source>
        <translation>E-post: {sent} skickade, {failed} misslyckades</translation>
    </message>
    <message>
        <source>SMTP password</source>
        <translation>SMTP-lösenord</translation>
    </message>
    <message>
        <source>Top banner</source>
        <translation>Överst</translation>
    </message>
    <message>
        <source>Above the lines</source>
        <translation>Ovanför raderna</translation>
    </message>
    <message>
        <source>Below the totals</source>
        <translation>Under summorna</translation>
    </message>
    <message>
        <source>Footer</source>
        <translation>Sidfot</translation>
    </message>
    <message>
        <source>Reminder 1</source>
        <translation>Påminnelse 1</translation>
    </message>
    <message>
        <source>Reminder 2</source>
        <translation>Påminnelse 2</translation>
    </message>
    <message>
        <source>Reminder 3</source>
        <translation>Påminnelse 3</translation>
    </message>
    <message>
        <source>Issue invoices</source>
        <translation>Utfärda fakturor</translation>
    </message>
    <message>
        <source>Cancel stops after the invoice in progress. Invoices issued until then stay issued; the others stay drafts.</source>
        <translation>Avbryt stoppar efter den faktura som pågår. Fakturor som hunnit utfärdas förblir utfärdade; de övriga förblir utkast.</translation>
    </message>
    <message>
        <source>Finishing…</source>
        <translation>Slutför…</translation>
    </message>
    <message>
        <source>Issuing invoice {n} of {total}: {customer}</source>
        <translation>Utfärdar faktura {n} av {total}: {customer}</translation>
    </message>
    <message>
        <source>Issuing stopped: {error}</source>
        <translation>Utfärdandet stoppades: {error}</translation>
    </message>
    <message>
        <source>{issued} of {total} invoices issued.</source>
        <translation>{issued} av {total} fakturor utfärdade.</translation>
    </message>
    <message>
        <source>First number {first}, last {last}.</source>
        <translation>Första nummer {first}, sista {last}.</translation>
    </message>
    <message>
        <source>A draft could not be issued: {reason}.</source>
        <translation>Ett utkast kunde inte utfärdas: {reason}.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Avbrutet.</translation>
    </message>
    <message>
        <source>{left} selected drafts stay drafts.</source>
        <translation>{left} markerade utkast förblir utkast.</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 dag</translation>
    </message>
    <message>
        <source>{count} days</source>
        <translation>{count} dagar</translation>
    </message>
    <message>
        <source>the invoice</source>
        <translation>fakturan</translation>
    </message>
    <message>
        <source>the manual message</source>
        <translation>det manuella meddelandet</translation>
    </message>
    <message>
        <source>the friendly notice</source>
        <translation>den vänliga påminnelsen</translation>
    </message>
    <message>
        <source>the last reminder</source>
        <translation>den senaste påminnelsen</translation>
    </message>
    <message>
        <source>Level {level}: {days} before the due date</source>
        <translation>Nivå {level}: {days} före förfallodatum</translation>
    </message>
    <message>
        <source>Level {level}: on the due date</source>
        <translation>Nivå {level}: på förfallodatum</translation>
    </message>
    <message>
        <source>Level {level}: {days} after the due date</source>
        <translation>Nivå {level}: {days} efter förfallodatum</translation>
    </message>
    <message>
        <source>{reason}; waits for the invoice e-mail, not sent yet, and then {days}</source>
        <translation>{reason}; väntar på fakturamejlet, som inte skickats än, och sedan {days}</translation>
    </message>
    <message>
        <source>{reason}, {days} since {message}</source>
        <translation>{reason}, {days} sedan {message}</translation>
    </message>
    <message>
        <source>{reason} (caught up after days away)</source>
        <translation>{reason} (tas igen efter uppehåll)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>&amp;Rapporter</translation>
    </message>
    <message>
        <source>Customer &amp;statement…</source>
        <translation>&amp;Kontoutdrag för kund…</translation>
    </message>
    <message>
        <source>&amp;Aging report…</source>
        <translation>&amp;Åldersanalys…</translation>
    </message>
    <message>
        <source>SIE &amp;export…</source>
        <translation>SIE-&amp;export…</translation>
    </message>
    <message>
        <source>SIE a&amp;ccounts…</source>
        <translation>SIE-k&amp;onton…</translation>
    </message>
    <message>
        <source>Undo: {step}</source>
        <translation>Ångra: {step}</translation>
    </message>
    <message>
        <source>Redo: {step}</source>
        <translation>Gör om: {step}</translation>
    </message>
    <message>
        <source>FINQR backups (*.sqlite3 *.dump);;All files (*)</source>
        <translation>FINQR-säkerhetskopior (*.sqlite3 *.dump);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Back up the ledger</source>
        <translation>Säkerhetskopiera reskontran</translation>
    </message>
    <message>
        <source>Cancel stops the backup and removes the unfinished file.</source>
        <translation>Avbryt stoppar säkerhetskopieringen och tar bort den ofärdiga filen.</translation>
    </message>
    <message>
        <source>Copying the ledger into {folder}…</source>
        <translation>Kopierar reskontran till {folder}…</translation>
    </message>
    <message>
        <source>Backup cancelled. No backup file was left behind.</source>
        <translation>Säkerhetskopieringen avbröts. Ingen säkerhetskopia lämnades kvar.</translation>
    </message>
    <message>
        <source>No backup was taken: {error}</source>
        <translation>Ingen säkerhetskopia togs: {error}</translation>
    </message>
    <message>
        <source>The ledger is backed up to
{path}</source>
        <translation>Reskontran är säkerhetskopierad till
{path}</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <source>Cancel stops the check. Nothing has been changed.</source>
        <translation>Avbryt stoppar kontrollen. Inget har ändrats.</translation>
    </message>
    <message>
        <source>Checking the backup {file}…</source>
        <translation>Kontrollerar säkerhetskopian {file}…</translation>
    </message>
    <message>
        <source>Check cancelled. Nothing has been changed.</source>
        <translation>Kontrollen avbröts. Inget har ändrats.</translation>
    </message>
    <message>
        <source>This file cannot be restored: {error}</source>
        <translation>Filen kan inte återställas: {error}</translation>
    </message>
    <message>
        <source>The backup can be restored.</source>
        <translation>Säkerhetskopian kan återställas.</translation>
    </message>
    <message>
        <source>Cancel stops the restore before the ledger is overwritten; the ledger then stays as it is.</source>
        <translation>Avbryt stoppar återställningen innan reskontran skrivs över; reskontran förblir då som den är.</translation>
    </message>
    <message>
        <source>The ledger is being overwritten with the backup. This cannot be stopped now; it takes a moment.</source>
        <translation>Reskontran skrivs över med säkerhetskopian. Det går inte att avbryta nu; det tar en liten stund.</translation>
    </message>
    <message>
        <source>Checking the backup…</source>
        <translation>Kontrollerar säkerhetskopian…</translation>
    </message>
    <message>
        <source>Bringing the backup to the current schema…</source>
        <translation>Uppdaterar säkerhetskopian till aktuellt schema…</translation>
    </message>
    <message>
        <source>Backing up the ledger as it is now…</source>
        <translation>Säkerhetskopierar reskontran som den är nu…</translation>
    </message>
    <message>
        <source>Replacing the ledger with the backup…</source>
        <translation>Ersätter reskontran med säkerhetskopian…</translation>
    </message>
    <message>
        <source>Restore cancelled: the ledger is unchanged.</source>
        <translation>Återställningen avbröts: reskontran är oförändrad.</translation>
    </message>
    <message>
        <source>Not restored: {error}</source>
        <translation>Inte återställd: {error}</translation>
    </message>
    <message>
        <source>The ledger is unchanged.</source>
        <translation>Reskontran är oförändrad.</translation>
    </message>
    <message>
        <source>The backup is restored.</source>
        <translation>Säkerhetskopian är återställd.</translation>
    </message>
    <message>
        <source>It was brought to the current schema.</source>
        <translation>Den har uppdaterats till det aktuella schemat.</translation>
    </message>
    <message>
        <source>The ledger as it was before is in
{path}</source>
        <translation>Reskontran som den var innan finns i
{path}</translation>
    </message>
    <message>
        <source>FINQR Desktop closes with this window; start it again.</source>
        <translation>FINQR Desktop stängs med det här fönstret; starta programmet igen.</translation>
    </message>
    <message>
        <source>Change the customer</source>
        <translation>Byt kund</translation>
    </message>
    <message>
        <source>Change the issue date</source>
        <translation>Ändra fakturadatum</translation>
    </message>
    <message>
        <source>Change the delivery date</source>
        <translation>Ändra leveransdatum</translation>
    </message>
    <message>
        <source>Change the due date</source>
        <translation>Ändra förfallodatum</translation>
    </message>
    <message>
        <source>Change whether prices include VAT</source>
        <translation>Ändra om priserna inkluderar moms</translation>
    </message>
    <message>
        <source>Change the rounding</source>
        <translation>Ändra öresavrundningen</translation>
    </message>
    <message>
        <source>Change the invoice discount</source>
        <translation>Ändra fakturarabatten</translation>
    </message>
    <message>
        <source>Change our reference</source>
        <translation>Ändra vår referens</translation>
    </message>
    <message>
        <source>Change your reference</source>
        <translation>Ändra er referens</translation>
    </message>
    <message>
        <source>Edit the description on line {line}</source>
        <translation>Ändra beskrivningen på rad {line}</translation>
    </message>
    <message>
        <source>Change the quantity on line {line}</source>
        <translation>Ändra antalet på rad {line}</translation>
    </message>
    <message>
        <source>Change the unit on line {line}</source>
        <translation>Ändra enheten på rad {line}</translation>
    </message>
    <message>
        <source>Change the unit price on line {line}</source>
        <translation>Ändra à-priset på rad {line}</translation>
    </message>
    <message>
        <source>Change the discount on line {line}</source>
        <translation>Ändra rabatten på rad {line}</translation>
    </message>
    <message>
        <source>Change the VAT rate on line {line}</source>
        <translation>Ändra momssatsen på rad {line}</translation>
    </message>
    <message>
        <source>Add line {line}</source>
        <translation>Lägg till rad {line}</translation>
    </message>
    <message>
        <source>Remove line {line}</source>
        <translation>Ta bort rad {line}</translation>
    </message>
    <message>
        <source>Move line {line} up</source>
        <translation>Flytta rad {line} uppåt</translation>
    </message>
    <message>
        <source>Move line {line} down</source>
        <translation>Flytta rad {line} nedåt</translation>
    </message>
    <message>
        <source>Edit the notes</source>
        <translation>Ändra anteckningarna</translation>
    </message>
    <message>
        <source>Change language</source>
        <translation>Byt språk</translation>
    </message>
    <message>
        <source>Work is still running in this window. Change the language when it is done.</source>
        <translation>Ett arbete pågår fortfarande i fönstret. Byt språk när det är klart.</translation>
    </message>
    <message>
        <source>{section}: changes that are not saved</source>
        <translation>{section}: ändringar som inte är sparade</translation>
    </message>
    <message>
        <source>The invoice being edited: it cannot be saved as a draft yet</source>
        <translation>Fakturan som redigeras: den kan inte sparas som utkast ännu</translation>
    </message>
    <message>
        <source>The window is rebuilt in the new language, and this would be lost:

{lost}

Change the language now anyway?</source>
        <translation>Fönstret byggs om på det nya språket, och detta skulle gå förlorat:

{lost}

Byta språk nu ändå?</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>row {row}, {field}: {problem}</source>
        <translation>rad {row}, {field}: {problem}</translation>
    </message>
    <message>
        <source>line {line}</source>
        <translation>rad {line}</translation>
    </message>
    <message>
        <source>Change the margins</source>
        <translation>Ändra marginalerna</translation>
    </message>
    <message>
        <source>Edit the template's name</source>
        <translation>Ändra mallens namn</translation>
    </message>
    <message>
        <source>Change the primary colour</source>
        <translation>Ändra primärfärgen</translation>
    </message>
    <message>
        <source>Change the accent colour</source>
        <translation>Ändra accentfärgen</translation>
    </message>
    <message>
        <source>Change the font</source>
        <translation>Byt typsnitt</translation>
    </message>
    <message>
        <source>Change the paper</source>
        <translation>Byt pappersformat</translation>
    </message>
    <message>
        <source>Change the logo</source>
        <translation>Byt logotyp</translation>
    </message>
    <message>
        <source>Change the logo position</source>
        <translation>Ändra logotypens placering</translation>
    </message>
    <message>
        <source>Edit the opening hours</source>
        <translation>Ändra öppettiderna</translation>
    </message>
    <message>
        <source>Change the block's campaign dates</source>
        <translation>Ändra blockets kampanjdatum</translation>
    </message>
    <message>
        <source>Edit the block's title</source>
        <translation>Ändra blockets rubrik</translation>
    </message>
    <message>
        <source>Edit the block's text</source>
        <translation>Ändra blockets text</translation>
    </message>
    <message>
        <source>Change where the block is printed</source>
        <translation>Ändra var blocket skrivs ut</translation>
    </message>
    <message>
        <source>Change the block's documents</source>
        <translation>Ändra blockets dokument</translation>
    </message>
    <message>
        <source>Change the block's customer tags</source>
        <translation>Ändra blockets kundtaggar</translation>
    </message>
    <message>
        <source>Change the block's languages</source>
        <translation>Ändra blockets språk</translation>
    </message>
    <message>
        <source>Add block</source>
        <translation>Lägg till block</translation>
    </message>
    <message>
        <source>Remove block</source>
        <translation>Ta bort block</translation>
    </message>
    <message>
        <source>Move block</source>
        <translation>Flytta block</translation>
    </message>
    <message>
        <source>account {account} is also the {role} account; both meet in {kind}'s verification, so they need two accounts</source>
        <translation>konto {account} är också kontot för {role}; båda förekommer i verifikationen för {kind}, så de behöver två olika konton</translation>
    </message>
    <message>
        <source>an account number is four digits from 1000 to 8999, not {text}</source>
        <translation>ett kontonummer är fyra siffror från 1000 till 8999, inte {text}</translation>
    </message>
    <message>
        <source>the invoice is already fully credited</source>
        <translation>fakturan är redan helt krediterad</translation>
    </message>
    <message>
        <source>a credit note must take an amount off: write the lines to credit with positive quantities</source>
        <translation>en kreditfaktura måste dra av ett belopp: skriv raderna som ska krediteras med positiva antal</translation>
    </message>
    <message>
        <source>the credit note takes off {amount}, but only {left} is left to credit</source>
        <translation>kreditfakturan drar av {amount}, men bara {left} återstår att kreditera</translation>
    </message>
    <message>
        <source>the invoice has no {rate} lines to credit</source>
        <translation>fakturan har inga rader med {rate} att kreditera</translation>
    </message>
    <message>
        <source>takes off {amount} at {rate}, but only {left} excluding VAT is left to credit at that rate</source>
        <translation>drar av {amount} med {rate}, men bara {left} exklusive moms återstår att kreditera med den momssatsen</translation>
    </message>
    <message>
        <source>payment term days must be a whole number, not {days}</source>
        <translation>antalet dagar i betalningsvillkoren måste vara ett heltal, inte {days}</translation>
    </message>
    <message>
        <source>payment term of {days} days is outside 0-{most} days</source>
        <translation>betalningsvillkor på {days} dagar ligger utanför 0–{most} dagar</translation>
    </message>
    <message>
        <source>cannot read payment terms {text}: write e.g. 30, net 30, 30 days or eom+30</source>
        <translation>kan inte läsa betalningsvillkoren {text}: skriv t.ex. 30, netto 30, 30 dagar eller eom+30</translation>
    </message>
    <message>
        <source>payment terms {text}: {days} days is more than {most} days</source>
        <translation>betalningsvillkoren {text}: {days} dagar är mer än {most} dagar</translation>
    </message>
    <message>
        <source>not an ISO 3166 country code: {country}</source>
        <translation>ingen landskod enligt ISO 3166: {country}</translation>
    </message>
    <message>
        <source>no holiday calendar for country {country}</source>
        <translation>ingen helgdagskalender för landet {country}</translation>
    </message>
    <message>
        <source>{rule}: {problem}</source>
        <translation>{rule}: {problem}</translation>
    </message>
    <message>
        <source>e-invoice {number} breaks the EN 16931 sum rules: {breaks}</source>
        <translation>e-faktura {number} bryter mot summareglerna i EN 16931: {breaks}</translation>
    </message>
    <message>
        <source>{what} is {stated} but {detail} is {computed}</source>
        <translation>{what} är {stated} men {detail} är {computed}</translation>
    </message>
    <message>
        <source>the sum of line net amounts</source>
        <translation>summan av radernas nettobelopp</translation>
    </message>
    <message>
        <source>the sum of the lines</source>
        <translation>summan av raderna</translation>
    </message>
    <message>
        <source>the allowance total</source>
        <translation>summan av avdrag</translation>
    </message>
    <message>
        <source>the sum of the document allowances</source>
        <translation>summan av dokumentets avdrag</translation>
    </message>
    <message>
        <source>the charge total</source>
        <translation>summan av tillägg</translation>
    </message>
    <message>
        <source>the sum of document charges</source>
        <translation>summan av dokumentets tillägg</translation>
    </message>
    <message>
        <source>the total without VAT</source>
        <translation>summan exklusive moms</translation>
    </message>
    <message>
        <source>lines − allowances + charges</source>
        <translation>rader − avdrag + tillägg</translation>
    </message>
    <message>
        <source>the VAT total</source>
        <translation>momssumman</translation>
    </message>
    <message>
        <source>the sum of the VAT breakdown</source>
        <translation>summan av momsspecifikationen</translation>
    </message>
    <message>
        <source>the total with VAT</source>
        <translation>summan inklusive moms</translation>
    </message>
    <message>
        <source>the total without VAT + VAT</source>
        <translation>summan exklusive moms + moms</translation>
    </message>
    <message>
        <source>the amount due</source>
        <translation>beloppet att betala</translation>
    </message>
    <message>
        <source>the total with VAT − prepaid + rounding</source>
        <translation>summan inklusive moms − förskott + avrundning</translation>
    </message>
    <message>
        <source>the invoice has no VAT breakdown</source>
        <translation>fakturan saknar momsspecifikation</translation>
    </message>
    <message>
        <source>{what} is {value}, a negative zero the file cannot carry</source>
        <translation>{what} är {value}, en negativ nolla som filen inte kan innehålla</translation>
    </message>
    <message>
        <source>line {line}: net amount {amount} is not quantity {quantity} × price {price} − allowance {allowance} + charge {charge} = {expected}</source>
        <translation>rad {line}: nettobeloppet {amount} är inte antal {quantity} × pris {price} − avdrag {allowance} + tillägg {charge} = {expected}</translation>
    </message>
    <message>
        <source>category {code} {percent} % has no VAT breakdown</source>
        <translation>kategori {code} {percent} % saknar momsspecifikation</translation>
    </message>
    <message>
        <source>category {code} {percent} %: taxable amount {taxable} is not the lines {lines} − allowances {allowances} = {expected}</source>
        <translation>kategori {code} {percent} %: beskattningsunderlaget {taxable} är inte raderna {lines} − avdrag {allowances} = {expected}</translation>
    </message>
    <message>
        <source>category {code} {percent} %: VAT {tax} is not taxable {taxable} × {percent} % rounded = {due}</source>
        <translation>kategori {code} {percent} %: momsen {tax} är inte underlaget {taxable} × {percent} % avrundat = {due}</translation>
    </message>
    <message>
        <source>category {code} must carry no VAT, it has {tax}</source>
        <translation>kategori {code} får inte ha någon moms, den har {tax}</translation>
    </message>
    <message>
        <source>{what} {value} has too many decimals</source>
        <translation>{what} {value} har för många decimaler</translation>
    </message>
    <message>
        <source>holds an encoded e-mail word (=?…?=); write the name as it reads</source>
        <translation>innehåller ett kodat e-postord (=?…?=); skriv namnet som det läses</translation>
    </message>
    <message>
        <source>give the bare address, name@example.com; the name is added when mail is sent</source>
        <translation>ange bara adressen, namn@example.com; namnet läggs till när e-posten skickas</translation>
    </message>
    <message>
        <source>it needs name@domain</source>
        <translation>den behöver namn@domän</translation>
    </message>
    <message>
        <source>longer than {most}</source>
        <translation>längre än {most}</translation>
    </message>
    <message>
        <source>a bad character</source>
        <translation>ett ogiltigt tecken</translation>
    </message>
    <message>
        <source>letters outside A–Z before the @</source>
        <translation>bokstäver utanför A–Z före @</translation>
    </message>
    <message>
        <source>no valid domain</source>
        <translation>ingen giltig domän</translation>
    </message>
    <message>
        <source>not an e-mail address: {address} ({why})</source>
        <translation>ingen e-postadress: {address} ({why})</translation>
    </message>
    <message>
        <source>not a domain name: {domain}</source>
        <translation>inget domännamn: {domain}</translation>
    </message>
    <message>
        <source>{label}: nothing was entered</source>
        <translation>{label}: inget har angetts</translation>
    </message>
    <message>
        <source>{label} {shown}: {problem}</source>
        <translation>{label} {shown}: {problem}</translation>
    </message>
    <message>
        <source>{char} is not allowed, use only digits</source>
        <translation>{char} är inte tillåtet, använd bara siffror</translation>
    </message>
    <message>
        <source>cannot make an OCR number from {base}: it contains no digits</source>
        <translation>kan inte skapa ett OCR-nummer av {base}: det innehåller inga siffror</translation>
    </message>
    <message>
        <source>an OCR number has {least}-{most} digits, so a fixed length of {length} is impossible</source>
        <translation>ett OCR-nummer har {least}–{most} siffror, så en fast längd på {length} är omöjlig</translation>
    </message>
    <message>
        <source>cannot make a {length}-digit OCR number from {base}: its {count} digits do not fit in the {room} left for the base</source>
        <translation>kan inte skapa ett OCR-nummer med {length} siffror av {base}: dess {count} siffror får inte plats på de {room} som återstår för grunden</translation>
    </message>
    <message>
        <source>cannot make an OCR number from {base}: it would have {total} digits, at most {most} are allowed</source>
        <translation>kan inte skapa ett OCR-nummer av {base}: det skulle få {total} siffror, högst {most} är tillåtna</translation>
    </message>
    <message>
        <source>OCR number</source>
        <translation>OCR-nummer</translation>
    </message>
    <message>
        <source>too short, an OCR number has at least {least} digits</source>
        <translation>för kort, ett OCR-nummer har minst {least} siffror</translation>
    </message>
    <message>
        <source>too long ({count} digits), an OCR number has at most {most}</source>
        <translation>för långt ({count} siffror), ett OCR-nummer har högst {most}</translation>
    </message>
    <message>
        <source>{earlier} or {later}</source>
        <translation>{earlier} eller {later}</translation>
    </message>
    <message>
        <source>it has {count} digits but must have {agreed}</source>
        <translation>det har {count} siffror men måste ha {agreed}</translation>
    </message>
    <message>
        <source>the length digit is wrong: it says {digit} but the number has {count} digits (is a digit missing or extra?)</source>
        <translation>längdsiffran är fel: den anger {digit} men numret har {count} siffror (saknas en siffra, eller finns en för mycket?)</translation>
    </message>
    <message>
        <source>the check digit is wrong</source>
        <translation>kontrollsiffran är fel</translation>
    </message>
    <message>
        <source>a bankgiro number has 7 or 8 digits, this has {count}</source>
        <translation>ett bankgironummer har 7 eller 8 siffror, detta har {count}</translation>
    </message>
    <message>
        <source>a plusgiro number has 2 to 8 digits, this has {count}</source>
        <translation>ett plusgironummer har 2 till 8 siffror, detta har {count}</translation>
    </message>
    <message>
        <source>it has the wrong number of characters for {country}</source>
        <translation>det har fel antal tecken för {country}</translation>
    </message>
    <message>
        <source>it is not in the format used in {country}</source>
        <translation>det har inte det format som används i {country}</translation>
    </message>
    <message>
        <source>part of it is not valid for {country}</source>
        <translation>en del av det är inte giltig för {country}</translation>
    </message>
    <message>
        <source>it is not a valid number for {country}</source>
        <translation>det är inget giltigt nummer för {country}</translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation>Organisationsnummer</translation>
    </message>
    <message>
        <source>in 12 digits an organisation number starts with 16</source>
        <translation>med 12 siffror börjar ett organisationsnummer med 16</translation>
    </message>
    <message>
        <source>it must have 10 digits, this has {count}</source>
        <translation>det måste ha 10 siffror, detta har {count}</translation>
    </message>
    <message>
        <source>Swedish VAT number</source>
        <translation>Svenskt momsreg.nr</translation>
    </message>
    <message>
        <source>it must be SE followed by 12 digits</source>
        <translation>det måste vara SE följt av 12 siffror</translation>
    </message>
    <message>
        <source>this is an organisation number; the VAT number is SE{body}01</source>
        <translation>detta är ett organisationsnummer; momsreg.nr är SE{body}01</translation>
    </message>
    <message>
        <source>it must be SE followed by 12 digits, this has {count}</source>
        <translation>det måste vara SE följt av 12 siffror, detta har {count}</translation>
    </message>
    <message>
        <source>it must end in 01</source>
        <translation>det måste sluta på 01</translation>
    </message>
    <message>
        <source>the check digit of the organisation number part is wrong</source>
        <translation>kontrollsiffran i organisationsnummerdelen är fel</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>Momsreg.nr</translation>
    </message>
    <message>
        <source>it starts with {found}, but a VAT number from {country} starts with {prefix}</source>
        <translation>det börjar med {found}, men ett momsreg.nr från {country} börjar med {prefix}</translation>
    </message>
    <message>
        <source>VAT numbers from {country} cannot be checked</source>
        <translation>momsreg.nr från {country} kan inte kontrolleras</translation>
    </message>
    <message>
        <source>IBAN</source>
        <translation>IBAN</translation>
    </message>
    <message>
        <source>it may contain only letters and digits</source>
        <translation>det får bara innehålla bokstäver och siffror</translation>
    </message>
    <message>
        <source>it must start with a country code and two check digits, e.g. SE45</source>
        <translation>det måste börja med en landskod och två kontrollsiffror, t.ex. SE45</translation>
    </message>
    <message>
        <source>{code} is not a country that uses IBAN</source>
        <translation>{code} är inget land som använder IBAN</translation>
    </message>
    <message>
        <source>an IBAN from {country} has {length} characters, this has {count}</source>
        <translation>ett IBAN från {country} har {length} tecken, detta har {count}</translation>
    </message>
    <message>
        <source>the check digits are wrong</source>
        <translation>kontrollsiffrorna är fel</translation>
    </message>
    <message>
        <source>the account part is not in the format used in {country}</source>
        <translation>kontodelen har inte det format som används i {country}</translation>
    </message>
    <message>
        <source>BIC</source>
        <translation>BIC</translation>
    </message>
    <message>
        <source>a BIC has 8 or 11 characters, this has {count}</source>
        <translation>en BIC har 8 eller 11 tecken, denna har {count}</translation>
    </message>
    <message>
        <source>{code} is not a country code</source>
        <translation>{code} är ingen landskod</translation>
    </message>
    <message>
        <source>it must be 4 letters for the bank, 2 for the country, 2 letters or digits for the place and optionally 3 for the branch</source>
        <translation>det måste vara 4 bokstäver för banken, 2 för landet, 2 bokstäver eller siffror för orten och eventuellt 3 för kontoret</translation>
    </message>
    <message>
        <source>cannot make an RF reference from {base}: it is empty</source>
        <translation>kan inte skapa en RF-referens av {base}: den är tom</translation>
    </message>
    <message>
        <source>cannot make an RF reference from {base}: {char} is not allowed, use only letters A-Z and digits</source>
        <translation>kan inte skapa en RF-referens av {base}: {char} är inte tillåtet, använd bara bokstäverna A-Z och siffror</translation>
    </message>
    <message>
        <source>cannot make an RF reference from {base}: it has {count} characters, at most {most} are allowed</source>
        <translation>kan inte skapa en RF-referens av {base}: den har {count} tecken, högst {most} är tillåtna</translation>
    </message>
    <message>
        <source>RF reference</source>
        <translation>RF-referens</translation>
    </message>
    <message>
        <source>it must start with RF</source>
        <translation>det måste börja med RF</translation>
    </message>
    <message>
        <source>RF must be followed by two check digits</source>
        <translation>RF måste följas av två kontrollsiffror</translation>
    </message>
    <message>
        <source>the reference after the check digits is missing</source>
        <translation>referensen efter kontrollsiffrorna saknas</translation>
    </message>
    <message>
        <source>too long: at most {most} characters may follow RF and the check digits</source>
        <translation>för lång: högst {most} tecken får följa efter RF och kontrollsiffrorna</translation>
    </message>
    <message>
        <source>choose a customer</source>
        <translation>välj en kund</translation>
    </message>
    <message>
        <source>must be between {first} and {last}</source>
        <translation>måste vara mellan {first} och {last}</translation>
    </message>
    <message>
        <source>the due date is before the issue date</source>
        <translation>förfallodatumet är före fakturadatumet</translation>
    </message>
    <message>
        <source>an invoice needs at least one line</source>
        <translation>en faktura behöver minst en rad</translation>
    </message>
    <message>
        <source>a discount cannot be negative</source>
        <translation>en rabatt kan inte vara negativ</translation>
    </message>
    <message>
        <source>the discount is unreasonably large</source>
        <translation>rabatten är orimligt stor</translation>
    </message>
    <message>
        <source>the invoice total is unreasonably large</source>
        <translation>fakturans summa är orimligt stor</translation>
    </message>
    <message>
        <source>the invoice total is negative; issue a credit note instead</source>
        <translation>fakturans summa är negativ; utfärda en kreditfaktura i stället</translation>
    </message>
    <message>
        <source>the invoice total is zero: there is nothing to invoice</source>
        <translation>fakturans summa är noll: det finns inget att fakturera</translation>
    </message>
    <message>
        <source>more than {exponent} decimals for {currency}</source>
        <translation>fler än {exponent} decimaler för {currency}</translation>
    </message>
    <message>
        <source>reverse charge</source>
        <translation>omvänd betalningsskyldighet</translation>
    </message>
    <message>
        <source>an intra-EU supply</source>
        <translation>en gemenskapsintern leverans</translation>
    </message>
    <message>
        <source>line {line} is {what}, which needs the customer's VAT number: add it to customer {customer}</source>
        <translation>rad {line} avser {what}, vilket kräver kundens momsreg.nr: lägg till det på kund {customer}</translation>
    </message>
    <message>
        <source>a line needs a description</source>
        <translation>en rad behöver en beskrivning</translation>
    </message>
    <message>
        <source>longer than {most} characters</source>
        <translation>längre än {most} tecken</translation>
    </message>
    <message>
        <source>the quantity is zero</source>
        <translation>antalet är noll</translation>
    </message>
    <message>
        <source>the quantity is unreasonably large</source>
        <translation>antalet är orimligt stort</translation>
    </message>
    <message>
        <source>at most 4 decimals</source>
        <translation>högst 4 decimaler</translation>
    </message>
    <message>
        <source>the price is unreasonably large</source>
        <translation>priset är orimligt stort</translation>
    </message>
    <message>
        <source>must be between 0 and 100</source>
        <translation>måste vara mellan 0 och 100</translation>
    </message>
    <message>
        <source>at most 2 decimals</source>
        <translation>högst 2 decimaler</translation>
    </message>
    <message>
        <source>the line amount is unreasonably large</source>
        <translation>radens belopp är orimligt stort</translation>
    </message>
    <message>
        <source>a reference rate table needs at least one rate</source>
        <translation>en referensräntetabell behöver minst en ränta</translation>
    </message>
    <message>
        <source>reference rates must be in date order, one per date</source>
        <translation>referensräntorna måste stå i datumordning, en per datum</translation>
    </message>
    <message>
        <source>reference rate from {day} must be a Decimal, not {rate}</source>
        <translation>referensräntan från {day} måste vara ett decimaltal, inte {rate}</translation>
    </message>
    <message>
        <source>no reference rate known for {day}; the table starts later</source>
        <translation>ingen referensränta är känd för {day}; tabellen börjar senare</translation>
    </message>
    <message>
        <source>{earlier}; {later}</source>
        <translation>{earlier}; {later}</translation>
    </message>
    <message>
        <source>not an ISO 4217 currency code: {currency}</source>
        <translation>inte en valutakod enligt ISO 4217: {currency}</translation>
    </message>
    <message>
        <source>{amount} has more than {exponent} decimals for {currency}</source>
        <translation>{amount} har fler än {exponent} decimaler för {currency}</translation>
    </message>
    <message>
        <source>expected a decimal number, got {kind}</source>
        <translation>ett decimaltal väntades, fick {kind}</translation>
    </message>
    <message>
        <source>not a plain decimal number: {text}</source>
        <translation>inget enkelt decimaltal: {text}</translation>
    </message>
    <message>
        <source>not a decimal number: {text}</source>
        <translation>inget decimaltal: {text}</translation>
    </message>
    <message>
        <source>not a finite number</source>
        <translation>inget ändligt tal</translation>
    </message>
    <message>
        <source>too large: {text}</source>
        <translation>för stort: {text}</translation>
    </message>
    <message>
        <source>more than {most} decimals: {value}</source>
        <translation>fler än {most} decimaler: {value}</translation>
    </message>
    <message>
        <source>cannot read {text} as a number: {reason} (write it like {example})</source>
        <translation>kan inte läsa {text} som ett tal: {reason} (skriv det som {example})</translation>
    </message>
    <message>
        <source>nothing was entered</source>
        <translation>inget har angetts</translation>
    </message>
    <message>
        <source>exponent notation such as 1e5 is not accepted</source>
        <translation>exponentform som 1e5 godtas inte</translation>
    </message>
    <message>
        <source>{char} does not belong in a number</source>
        <translation>{char} hör inte hemma i ett tal</translation>
    </message>
    <message>
        <source>it has more than one decimal separator {separator}</source>
        <translation>det har mer än ett decimaltecken {separator}</translation>
    </message>
    <message>
        <source>a sign may only come first</source>
        <translation>ett förtecken får bara stå först</translation>
    </message>
    <message>
        <source>no digits follow the decimal separator</source>
        <translation>inga siffror följer efter decimaltecknet</translation>
    </message>
    <message>
        <source>a dot is read as a decimal point only in plain digits like 1234.5, and never before exactly three digits, which could be a thousands separator</source>
        <translation>en punkt läses som decimaltecken bara i enkla siffror som 1234.5, och aldrig före exakt tre siffror, som kan vara en tusentalsavgränsare</translation>
    </message>
    <message>
        <source>digit groups must have exactly three digits</source>
        <translation>siffergrupper måste ha exakt tre siffror</translation>
    </message>
    <message>
        <source>unknown field {{{name}}} in number pattern</source>
        <translation>okänt fält {{{name}}} i nummermönstret</translation>
    </message>
    <message>
        <source>format {spec} of {{{name}}} is not a digit width</source>
        <translation>formatet {spec} för {{{name}}} är ingen sifferbredd</translation>
    </message>
    <message>
        <source>number pattern {pattern}: {error}</source>
        <translation>nummermönstret {pattern}: {error}</translation>
    </message>
    <message>
        <source>a number pattern needs {seq}</source>
        <translation>ett nummermönster behöver {seq}</translation>
    </message>
    <message>
        <source>a series that restarts every year needs {year} or {yy}</source>
        <translation>en nummerserie som börjar om varje år behöver {year} eller {yy}</translation>
    </message>
    <message>
        <source>the company needs its legal name</source>
        <translation>företaget behöver sitt juridiska namn</translation>
    </message>
    <message>
        <source>a BIC was given without an IBAN</source>
        <translation>en BIC angavs utan IBAN</translation>
    </message>
    <message>
        <source>the customer needs a customer number</source>
        <translation>kunden behöver ett kundnummer</translation>
    </message>
    <message>
        <source>at most 40 characters, no spaces</source>
        <translation>högst 40 tecken, inga mellanslag</translation>
    </message>
    <message>
        <source>the customer needs a name</source>
        <translation>kunden behöver ett namn</translation>
    </message>
    <message>
        <source>must be 'company' or 'person', not {kind}</source>
        <translation>måste vara 'company' eller 'person', inte {kind}</translation>
    </message>
    <message>
        <source>must be one of {choices}, not {chosen}</source>
        <translation>måste vara något av {choices}, inte {chosen}</translation>
    </message>
    <message>
        <source>not a language code such as sv or en: {language}</source>
        <translation>ingen språkkod som sv eller en: {language}</translation>
    </message>
    <message>
        <source>the OCR reference</source>
        <translation>OCR-numret</translation>
    </message>
    <message>
        <source>the message ({reading} read as {number})</source>
        <translation>meddelandet ({reading} tolkat som {number})</translation>
    </message>
    <message>
        <source>the message may mean invoice {numbers}, read loosely: choose one</source>
        <translation>meddelandet kan avse faktura {numbers}, fritt tolkat: välj en</translation>
    </message>
    <message>
        <source>the message</source>
        <translation>meddelandet</translation>
    </message>
    <message>
        <source>the message names several invoices ({numbers}): split the payment by hand</source>
        <translation>meddelandet nämner flera fakturor ({numbers}): dela upp betalningen för hand</translation>
    </message>
    <message>
        <source>no open invoice has the reference {reference}</source>
        <translation>ingen öppen faktura har referensen {reference}</translation>
    </message>
    <message>
        <source>no open invoice has the number {number}</source>
        <translation>ingen öppen faktura har numret {number}</translation>
    </message>
    <message>
        <source>no OCR reference or invoice number found</source>
        <translation>inget OCR-nummer eller fakturanummer hittades</translation>
    </message>
    <message>
        <source>the bank marked the reference {reference} as an incorrect OCR number</source>
        <translation>banken markerade referensen {reference} som ett felaktigt OCR-nummer</translation>
    </message>
    <message>
        <source>the creditor reference is not valid ({problem})</source>
        <translation>RF-referensen är inte giltig ({problem})</translation>
    </message>
    <message>
        <source>the OCR reference {reference} is not a number</source>
        <translation>OCR-numret {reference} är inget tal</translation>
    </message>
    <message>
        <source>the OCR reference {reference} has a wrong check digit</source>
        <translation>OCR-numret {reference} har fel kontrollsiffra</translation>
    </message>
    <message>
        <source>invoice {numbers} by {source}</source>
        <translation>faktura {numbers} enligt {source}</translation>
    </message>
    <message>
        <source>a payment QR code needs a positive amount, not {amount}</source>
        <translation>en QR-kod för betalning behöver ett positivt belopp, inte {amount}</translation>
    </message>
    <message>
        <source>the Swedish invoice QR code needs a due date</source>
        <translation>den svenska QR-koden för fakturor behöver ett förfallodatum</translation>
    </message>
    <message>
        <source>the reference must have 1 to {most} characters: {reference}</source>
        <translation>referensen måste ha 1 till {most} tecken: {reference}</translation>
    </message>
    <message>
        <source>the Swedish invoice QR code needs the payee's name and org number</source>
        <translation>den svenska QR-koden för fakturor behöver betalningsmottagarens namn och organisationsnummer</translation>
    </message>
    <message>
        <source>the payee's org number is too long: {number}</source>
        <translation>betalningsmottagarens organisationsnummer är för långt: {number}</translation>
    </message>
    <message>
        <source>the Swedish invoice QR code needs a bankgiro or plusgiro</source>
        <translation>den svenska QR-koden för fakturor behöver ett bankgiro eller plusgiro</translation>
    </message>
    <message>
        <source>an EPC QR amount must be 0.01 to 999999999.99 EUR, not {amount}</source>
        <translation>ett belopp i en EPC-QR-kod måste vara 0.01 till 999999999.99 EUR, inte {amount}</translation>
    </message>
    <message>
        <source>{amount} has more than two decimals</source>
        <translation>{amount} har fler än två decimaler</translation>
    </message>
    <message>
        <source>an EPC QR code carries a structured reference or a text, not both</source>
        <translation>en EPC-QR-kod innehåller en strukturerad referens eller en text, inte båda</translation>
    </message>
    <message>
        <source>the EPC QR code needs the beneficiary's name</source>
        <translation>EPC-QR-koden behöver betalningsmottagarens namn</translation>
    </message>
    <message>
        <source>the payment text is longer than {most} characters</source>
        <translation>betalningstexten är längre än {most} tecken</translation>
    </message>
    <message>
        <source>the EPC QR payload has characters UTF-8 cannot hold</source>
        <translation>innehållet i EPC-QR-koden har tecken som UTF-8 inte kan återge</translation>
    </message>
    <message>
        <source>the EPC QR payload has {size} bytes, at most 331 are allowed</source>
        <translation>innehållet i EPC-QR-koden är {size} byte, högst 331 är tillåtna</translation>
    </message>
    <message>
        <source>Peppol endpoint ID {text} must be scheme:identifier, e.g. 0007:5560360793</source>
        <translation>Peppol-ID {text} måste skrivas schema:identitet, t.ex. 0007:5560360793</translation>
    </message>
    <message>
        <source>Peppol scheme {scheme} is not one this ledger knows: {known}</source>
        <translation>Peppol-schemat {scheme} är inget som den här reskontran känner till: {known}</translation>
    </message>
    <message>
        <source>the check digit or length is wrong</source>
        <translation>kontrollsiffran eller längden är fel</translation>
    </message>
    <message>
        <source>Peppol endpoint ID {text} is not a valid {scheme}: {detail}</source>
        <translation>Peppol-ID {text} är inget giltigt {scheme}: {detail}</translation>
    </message>
    <message>
        <source>letters, digits and . - _ : / only, at most 50 characters</source>
        <translation>bara bokstäver, siffror och . - _ : /, högst 50 tecken</translation>
    </message>
    <message>
        <source>ten digits, e.g. 0403.170.701 (without BE)</source>
        <translation>tio siffror, t.ex. 0403.170.701 (utan BE)</translation>
    </message>
    <message>
        <source>a GLN has 13 digits</source>
        <translation>ett GLN har 13 siffror</translation>
    </message>
    <message>
        <source>a friendly notice goes before the due date</source>
        <translation>en vänlig påminnelse skickas före förfallodatum</translation>
    </message>
    <message>
        <source>a reminder goes at least 1 day after due</source>
        <translation>en påminnelse skickas tidigast 1 dag efter förfallodatum</translation>
    </message>
    <message>
        <source>the minimum gap cannot be negative</source>
        <translation>minsta mellanrummet kan inte vara negativt</translation>
    </message>
    <message>
        <source>{language} twice</source>
        <translation>{language} två gånger</translation>
    </message>
    <message>
        <source>the fee must be a non-negative amount, not {fee}</source>
        <translation>avgiften måste vara ett belopp som inte är negativt, inte {fee}</translation>
    </message>
    <message>
        <source>a notice before the due date cannot carry a fee</source>
        <translation>en påminnelse före förfallodatum kan inte ha någon avgift</translation>
    </message>
    <message>
        <source>({language}) must be one line</source>
        <translation>({language}) måste vara en rad</translation>
    </message>
    <message>
        <source>({language}) {problem}</source>
        <translation>({language}) {problem}</translation>
    </message>
    <message>
        <source>broken braces ({error}); write {{{{ and }}}} for literal braces</source>
        <translation>felaktiga klammerparenteser ({error}); skriv {{{{ och }}}} för klammerparenteser i texten</translation>
    </message>
    <message>
        <source>unknown placeholder {{{name}}}; use {known}</source>
        <translation>okänd platshållare {{{name}}}; använd {known}</translation>
    </message>
    <message>
        <source>placeholder {{{name}}} takes no format or conversion</source>
        <translation>platshållaren {{{name}}} tar inget format och ingen konvertering</translation>
    </message>
    <message>
        <source>levels must be distinct and in order from 0</source>
        <translation>nivåerna måste vara olika och i ordning från 0</translation>
    </message>
    <message>
        <source>each level must come later than the one before</source>
        <translation>varje nivå måste komma senare än den före</translation>
    </message>
    <message>
        <source>cannot be negative</source>
        <translation>kan inte vara negativt</translation>
    </message>
    <message>
        <source>{currency} is already covered</source>
        <translation>{currency} finns redan med</translation>
    </message>
    <message>
        <source>a policy needs a name</source>
        <translation>en påminnelseregel behöver ett namn</translation>
    </message>
    <message>
        <source>at most {most} letters, digits, spaces, - or _, no spaces around</source>
        <translation>högst {most} bokstäver, siffror, mellanslag, - eller _, inga mellanslag före eller efter</translation>
    </message>
    <message>
        <source>"default" means the ledger's own policy; choose another name</source>
        <translation>"default" betyder reskontrans egen påminnelseregel; välj ett annat namn</translation>
    </message>
    <message>
        <source>fee {fee} is above the legal cap of {cap} per reminder (lag 1981:739 4 §); the customer need not pay the excess</source>
        <translation>avgiften {fee} är högre än lagens tak på {cap} per påminnelse (lag 1981:739 4 §); kunden behöver inte betala det överskjutande</translation>
    </message>
    <message>
        <source>the send window must end after it starts</source>
        <translation>sändningsfönstret måste sluta efter att det börjar</translation>
    </message>
    <message>
        <source>unknown time zone {zone}</source>
        <translation>okänd tidszon {zone}</translation>
    </message>
    <message>
        <source>the company name</source>
        <translation>företagsnamnet</translation>
    </message>
    <message>
        <source>the name of account {account}</source>
        <translation>namnet på konto {account}</translation>
    </message>
    <message>
        <source>verification {series}{number}</source>
        <translation>verifikation {series}{number}</translation>
    </message>
    <message>
        <source>{where}, account {account}</source>
        <translation>{where}, konto {account}</translation>
    </message>
    <message>
        <source>{place}: "{text}" is written as "{written}": the SIE file's code page 437 lacks some of its characters</source>
        <translation>{place}: "{text}" skrivs som "{written}": SIE-filens teckentabell (kodsida 437) saknar några av dess tecken</translation>
    </message>
    <message>
        <source>verification {series}{number} ({text})</source>
        <translation>verifikation {series}{number} ({text})</translation>
    </message>
    <message>
        <source>{where} has no transactions</source>
        <translation>{where} har inga transaktioner</translation>
    </message>
    <message>
        <source>{where}: its amounts cancel to nothing on account {used}; does one account serve two roles?</source>
        <translation>{where}: beloppen tar ut varandra på konto {used}; används ett konto för två syften?</translation>
    </message>
    <message>
        <source>{where}: {amount} is not in whole öre</source>
        <translation>{where}: {amount} är inte i hela ören</translation>
    </message>
    <message>
        <source>{where}: account {account} is not in the chart</source>
        <translation>{where}: konto {account} finns inte i kontoplanen</translation>
    </message>
    <message>
        <source>{where} does not balance: off by {imbalance}</source>
        <translation>{where} balanserar inte: differens {imbalance}</translation>
    </message>
    <message>
        <source>an object list without its closing brace</source>
        <translation>en objektlista utan avslutande klammerparentes</translation>
    </message>
    <message>
        <source>line {line}: {problem}</source>
        <translation>rad {line}: {problem}</translation>
    </message>
    <message>
        <source>line {line}: a brace without a #VER</source>
        <translation>rad {line}: en klammerparentes utan #VER</translation>
    </message>
    <message>
        <source>line {line}: a closing brace without its opening one</source>
        <translation>rad {line}: en avslutande klammerparentes utan sin inledande</translation>
    </message>
    <message>
        <source>line {line}: #TRANS outside a verification</source>
        <translation>rad {line}: #TRANS utanför en verifikation</translation>
    </message>
    <message>
        <source>the file ends inside a verification</source>
        <translation>filen slutar mitt i en verifikation</translation>
    </message>
    <message>
        <source>a quoted field without its closing quote</source>
        <translation>ett citerat fält utan avslutande citattecken</translation>
    </message>
    <message>
        <source>line {line}: #TRANS needs an account, objects and an amount</source>
        <translation>rad {line}: #TRANS behöver ett konto, objekt och ett belopp</translation>
    </message>
    <message>
        <source>line {line}: not an amount: {text}</source>
        <translation>rad {line}: inget belopp: {text}</translation>
    </message>
    <message>
        <source>line {line}: #VER needs a series, a number and a date</source>
        <translation>rad {line}: #VER behöver en serie, ett nummer och ett datum</translation>
    </message>
    <message>
        <source>line {line}: not a date: {text}</source>
        <translation>rad {line}: inget datum: {text}</translation>
    </message>
    <message>
        <source>the template needs a name</source>
        <translation>mallen behöver ett namn</translation>
    </message>
    <message>
        <source>a colour is written #RRGGBB</source>
        <translation>en färg skrivs #RRGGBB</translation>
    </message>
    <message>
        <source>margins are between 5 and 40 mm</source>
        <translation>marginalerna ska vara mellan 5 och 40 mm</translation>
    </message>
    <message>
        <source>a block needs a title or a text</source>
        <translation>ett block behöver en rubrik eller en text</translation>
    </message>
    <message>
        <source>unknown document kind {kind}</source>
        <translation>okänd dokumenttyp {kind}</translation>
    </message>
    <message>
        <source>write languages as codes such as sv, en: {language}</source>
        <translation>skriv språk som koder, t.ex. sv, en: {language}</translation>
    </message>
    <message>
        <source>the campaign ends before it starts</source>
        <translation>kampanjen slutar innan den börjar</translation>
    </message>
    <message>
        <source>choose one of {choices}</source>
        <translation>välj något av {choices}</translation>
    </message>
    <message>
        <source>a line break</source>
        <translation>en radbrytning</translation>
    </message>
    <message>
        <source>a control character</source>
        <translation>ett styrtecken</translation>
    </message>
    <message>
        <source>contains an invisible character ({code}) at position {position}</source>
        <translation>innehåller ett osynligt tecken ({code}) på position {position}</translation>
    </message>
    <message>
        <source>contains {what} ({code}) at position {position}</source>
        <translation>innehåller {what} ({code}) på position {position}</translation>
    </message>
    <message>
        <source>a lone surrogate, not a character</source>
        <translation>ett ensamt surrogat, inget tecken</translation>
    </message>
    <message>
        <source>a noncharacter</source>
        <translation>ett icke-tecken</translation>
    </message>
    <message>
        <source>contains an invisible or space character ({code}) at position {position}</source>
        <translation>innehåller ett osynligt tecken eller mellanslag ({code}) på position {position}</translation>
    </message>
    <message>
        <source>the invoice discount is larger than the lines it applies to</source>
        <translation>fakturarabatten är större än raderna den gäller</translation>
    </message>
    <message>
        <source>unknown VAT category {category}</source>
        <translation>okänd momskategori {category}</translation>
    </message>
    <message>
        <source>VAT percent out of range: {percent}</source>
        <translation>momsprocenten är utanför tillåtet intervall: {percent}</translation>
    </message>
    <message>
        <source>category {category} must have 0 %, not {percent}</source>
        <translation>kategori {category} måste ha 0 %, inte {percent}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>inga</translation>
    </message>
    <message>
        <source>VAT rate {code} is not valid in {country} on {day} (valid: {valid})</source>
        <translation>momssatsen {code} gäller inte i {country} den {day} (giltiga: {valid})</translation>
    </message>
    <message>
        <source>expected {"country": "SE", "rates": [...]}</source>
        <translation>väntade {"country": "SE", "rates": [...]}</translation>
    </message>
    <message>
        <source>country must be a two-letter code, not {country}</source>
        <translation>landet måste vara en kod med två bokstäver, inte {country}</translation>
    </message>
    <message>
        <source>missing {key}</source>
        <translation>{key} saknas</translation>
    </message>
    <message>
        <source>rates[{index}]: {detail}</source>
        <translation>rates[{index}]: {detail}</translation>
    </message>
    <message>
        <source>the table has no rates</source>
        <translation>tabellen har inga momssatser</translation>
    </message>
    <message>
        <source>each rate must be an object</source>
        <translation>varje momssats måste vara ett objekt</translation>
    </message>
    <message>
        <source>percent must be a number, not {percent}</source>
        <translation>procentsatsen måste vara ett tal, inte {percent}</translation>
    </message>
    <message>
        <source>valid_until is before valid_from</source>
        <translation>valid_until är före valid_from</translation>
    </message>
    <message>
        <source>not an account setting; the settings are {known}</source>
        <translation>inte en kontoinställning; inställningarna är {known}</translation>
    </message>
    <message>
        <source>a whole number from 1 to {most}</source>
        <translation>ett heltal från 1 till {most}</translation>
    </message>
    <message>
        <source>not an absolute path: {folder}</source>
        <translation>inte en absolut sökväg: {folder}</translation>
    </message>
    <message>
        <source>an in-memory database has nothing on disk to back up</source>
        <translation>en databas i minnet har inget på disken att säkerhetskopiera</translation>
    </message>
    <message>
        <source>cannot write a backup into {folder}: {reason}</source>
        <translation>kan inte skriva en säkerhetskopia i {folder}: {reason}</translation>
    </message>
    <message>
        <source>it is a file</source>
        <translation>det är en fil</translation>
    </message>
    <message>
        <source>{path} is a file</source>
        <translation>{path} är en fil</translation>
    </message>
    <message>
        <source>cannot write a backup into {folder}: {reason}, not a folder</source>
        <translation>kan inte skriva en säkerhetskopia i {folder}: {reason}, inte en mapp</translation>
    </message>
    <message>
        <source>cannot write a backup into {folder}: {path} is not writable</source>
        <translation>kan inte skriva en säkerhetskopia i {folder}: det går inte att skriva i {path}</translation>
    </message>
    <message>
        <source>too many backups taken within one second in {folder}</source>
        <translation>för många säkerhetskopior togs inom en sekund i {folder}</translation>
    </message>
    <message>
        <source>this file was imported on {when}; nothing was registered again</source>
        <translation>filen importerades {when}; inget registrerades en gång till</translation>
    </message>
    <message>
        <source>this is a test file from Bankgirot (test mark T); not imported unless asked to (`finqr payments import --allow-test`, or the tick box in the app)</source>
        <translation>det här är en testfil från Bankgirot (testmarkering T); den importeras bara om du ber om det (`finqr payments import --allow-test`, eller kryssrutan i programmet)</translation>
    </message>
    <message>
        <source>line {line}: {note}</source>
        <translation>rad {line}: {note}</translation>
    </message>
    <message>
        <source>this is a test file from Bankgirot (test mark T)</source>
        <translation>det här är en testfil från Bankgirot (testmarkering T)</translation>
    </message>
    <message>
        <source>this very file was imported on {when}</source>
        <translation>exakt den här filen importerades {when}</translation>
    </message>
    <message>
        <source>account</source>
        <translation>konto</translation>
    </message>
    <message>
        <source>line {line}: this part of the file is for {what} {shown}, not the company's {own}: check that it is your file</source>
        <translation>rad {line}: den här delen av filen gäller {what} {shown}, inte företagets {own}: kontrollera att det är er fil</translation>
    </message>
    <message>
        <source>already imported (the same transaction)</source>
        <translation>redan importerad (samma transaktion)</translation>
    </message>
    <message>
        <source>a deduction</source>
        <translation>ett avdrag</translation>
    </message>
    <message>
        <source>a reversal</source>
        <translation>en återföring</translation>
    </message>
    <message>
        <source>{what}: place it by hand</source>
        <translation>{what}: placera den för hand</translation>
    </message>
    <message>
        <source>invoice {number} is in {currency}, the payment in {payment_currency}: {why}; place it by hand with the rate</source>
        <translation>faktura {number} är i {currency}, betalningen i {payment_currency}: {why}; placera den för hand med kursen</translation>
    </message>
    <message>
        <source>invoice {numbers} is already paid: possibly paid twice; place it by hand</source>
        <translation>faktura {numbers} är redan betald: kanske betald två gånger; placera betalningen för hand</translation>
    </message>
    <message>
        <source>{reason}; {amount} {currency} overpaid, to customer credit</source>
        <translation>{reason}; {amount} {currency} för mycket betalt, till tillgodohavande</translation>
    </message>
    <message>
        <source>{reason}; {amount} {currency} at the bank's rate ({rate}) is {converted} {target}, {difference} {target} against what was due</source>
        <translation>{reason}; {amount} {currency} till bankens kurs ({rate}) blir {converted} {target}, {difference} {target} mot det som var att betala</translation>
    </message>
    <message>
        <source>its invoices are in several currencies</source>
        <translation>dess fakturor är i flera valutor</translation>
    </message>
    <message>
        <source>the file's exchange rate is not used ({problem})</source>
        <translation>filens växelkurs används inte ({problem})</translation>
    </message>
    <message>
        <source>the file's rate ({given}) is not between these two currencies</source>
        <translation>filens kurs ({given}) gäller inte mellan de här två valutorna</translation>
    </message>
    <message>
        <source>the file gives no exchange rate (the payer ordered {amount} {currency})</source>
        <translation>filen anger ingen växelkurs (betalaren beställde {amount} {currency})</translation>
    </message>
    <message>
        <source>the file gives no exchange rate</source>
        <translation>filen anger ingen växelkurs</translation>
    </message>
    <message>
        <source>no company yet: run `finqr init` first</source>
        <translation>inget företag ännu: kör `finqr init` först</translation>
    </message>
    <message>
        <source>someone else saved {what} while you were editing; reload it to see their changes (yours are not saved)</source>
        <translation>någon annan sparade {what} medan du redigerade; läs in igen för att se deras ändringar (dina är inte sparade)</translation>
    </message>
    <message>
        <source>{who} saved {what} {when} while you were editing; reload it to see their changes (yours are not saved)</source>
        <translation>{who} sparade {what} {when} medan du redigerade; läs in igen för att se ändringarna (dina är inte sparade)</translation>
    </message>
    <message>
        <source>{user} on {workstation}</source>
        <translation>{user} på {workstation}</translation>
    </message>
    <message>
        <source>at {clock}</source>
        <translation>kl. {clock}</translation>
    </message>
    <message>
        <source>on {day} at {clock}</source>
        <translation>den {day} kl. {clock}</translation>
    </message>
    <message>
        <source>only an issued invoice can be credited</source>
        <translation>bara en utfärdad faktura kan krediteras</translation>
    </message>
    <message>
        <source>{number} is a credit note; credit notes are not credited</source>
        <translation>{number} är en kreditfaktura; kreditfakturor krediteras inte</translation>
    </message>
    <message>
        <source>a credit note cannot be dated before the invoice it credits</source>
        <translation>en kreditfaktura kan inte dateras före fakturan den krediterar</translation>
    </message>
    <message>
        <source>invoice {number} is already fully credited</source>
        <translation>faktura {number} är redan helt krediterad</translation>
    </message>
    <message>
        <source>a partial credit note needs at least one line</source>
        <translation>en delkreditering måste ha minst en rad</translation>
    </message>
    <message>
        <source>lines[{index}]: write what to take off with a positive quantity and price</source>
        <translation>lines[{index}]: skriv det som ska dras av med positivt antal och pris</translation>
    </message>
    <message>
        <source>what is left cannot be credited line by line; credit it by lines</source>
        <translation>det som återstår kan inte krediteras rad för rad; kreditera det med egna rader</translation>
    </message>
    <message>
        <source>payment {id} has nothing left to turn into credit</source>
        <translation>betalning {id} har inget kvar att göra om till tillgodohavande</translation>
    </message>
    <message>
        <source>no customer with id {id}</source>
        <translation>ingen kund med id {id}</translation>
    </message>
    <message>
        <source>invoice {number} is not this customer's</source>
        <translation>faktura {number} tillhör inte den här kunden</translation>
    </message>
    <message>
        <source>the customer has no credit in {currency}</source>
        <translation>kunden har inget tillgodohavande i {currency}</translation>
    </message>
    <message>
        <source>must be above zero</source>
        <translation>måste vara större än noll</translation>
    </message>
    <message>
        <source>the customer has only {amount} credit</source>
        <translation>kunden har bara {amount} i tillgodohavande</translation>
    </message>
    <message>
        <source>the customer has only {amount} {currency} credit</source>
        <translation>kunden har bara {amount} {currency} i tillgodohavande</translation>
    </message>
    <message>
        <source>no payment {id}</source>
        <translation>ingen betalning {id}</translation>
    </message>
    <message>
        <source>customer number {number} is already taken</source>
        <translation>kundnummer {number} är redan upptaget</translation>
    </message>
    <message>
        <source>customer {id} does not exist</source>
        <translation>kund {id} finns inte</translation>
    </message>
    <message>
        <source>customer {number}</source>
        <translation>kund {number}</translation>
    </message>
    <message>
        <source>also on row {row}</source>
        <translation>finns också på rad {row}</translation>
    </message>
    <message>
        <source>{number} already exists</source>
        <translation>{number} finns redan</translation>
    </message>
    <message>
        <source>{name} has no customer rows</source>
        <translation>{name} har inga kundrader</translation>
    </message>
    <message>
        <source>{name} is not a text file (it has NUL bytes)</source>
        <translation>{name} är inte en textfil (den innehåller NUL-byte)</translation>
    </message>
    <message>
        <source>{name} is empty</source>
        <translation>{name} är tom</translation>
    </message>
    <message>
        <source>{values} values for {columns} columns</source>
        <translation>{values} värden för {columns} kolumner</translation>
    </message>
    <message>
        <source>not readable as CSV: {reason}</source>
        <translation>kan inte läsas som CSV: {reason}</translation>
    </message>
    <message>
        <source>unknown column (known: {known})</source>
        <translation>okänd kolumn (kända: {known})</translation>
    </message>
    <message>
        <source>the column appears twice</source>
        <translation>kolumnen förekommer två gånger</translation>
    </message>
    <message>
        <source>{name} is neither UTF-8 nor Windows-1252 text (byte {byte})</source>
        <translation>{name} är varken UTF-8- eller Windows-1252-text (byte {byte})</translation>
    </message>
    <message>
        <source>type a database URL or a file path first</source>
        <translation>skriv först en databas-URL eller en sökväg till en fil</translation>
    </message>
    <message>
        <source>this is not a database URL; a PostgreSQL one reads {example}</source>
        <translation>det här är inte en databas-URL; en PostgreSQL-URL ser ut så här: {example}</translation>
    </message>
    <message>
        <source>the URL cannot be read: write @ : / in a password as %40 %3A %2F ({example})</source>
        <translation>URL:en kan inte läsas: skriv @ : / i ett lösenord som %40 %3A %2F ({example})</translation>
    </message>
    <message>
        <source>only PostgreSQL and SQLite ledgers can be opened</source>
        <translation>bara reskontror i PostgreSQL och SQLite kan öppnas</translation>
    </message>
    <message>
        <source>a PostgreSQL URL needs a host and a database: {example}</source>
        <translation>en PostgreSQL-URL måste ha en värd och en databas: {example}</translation>
    </message>
    <message>
        <source>no password was given for {account}</source>
        <translation>inget lösenord angavs för {account}</translation>
    </message>
    <message>
        <source>No system keyring is available to keep the database password, so it is not kept.</source>
        <translation>Det finns ingen nyckelring i systemet att spara databaslösenordet i, så det sparas inte.</translation>
    </message>
    <message>
        <source>this database already has a company; the demo needs an empty one</source>
        <translation>databasen har redan ett företag; demon behöver en tom databas</translation>
    </message>
    <message>
        <source>this database already has customers; the demo needs an empty one</source>
        <translation>databasen har redan kunder; demon behöver en tom databas</translation>
    </message>
    <message>
        <source>only an issued invoice or credit note has a PDF to archive</source>
        <translation>bara en utfärdad faktura eller kreditfaktura har en PDF att arkivera</translation>
    </message>
    <message>
        <source>must be {formats}, not {given}</source>
        <translation>måste vara {formats}, inte {given}</translation>
    </message>
    <message>
        <source>there is no issued invoice or credit note {number}</source>
        <translation>det finns ingen utfärdad faktura eller kreditfaktura {number}</translation>
    </message>
    <message>
        <source>a draft has no e-invoice; issue it first</source>
        <translation>ett utkast har ingen e-faktura; utfärda det först</translation>
    </message>
    <message>
        <source>{number}: {problem}</source>
        <translation>{number}: {problem}</translation>
    </message>
    <message>
        <source>an e-invoice needs a buyer reference (Swedish public buyers require one; rule PEPPOL-EN16931-R003): write the buyer's reference in 'your reference', or set customer {number}'s buyer reference</source>
        <translation>en e-faktura kräver köparens referens (svenska offentliga köpare kräver en; regel PEPPOL-EN16931-R003): skriv köparens referens i 'er referens', eller ange köparens referens för kund {number}</translation>
    </message>
    <message>
        <source>an e-invoice needs the company's organisation number (its Peppol address, scheme 0007): add it in the company settings</source>
        <translation>en e-faktura kräver företagets organisationsnummer (dess Peppol-adress, schema 0007): lägg till det i företagsinställningarna</translation>
    </message>
    <message>
        <source>an e-invoice in VAT category {categories} needs the company's VAT number: add it in the company settings</source>
        <translation>en e-faktura i momskategori {categories} kräver företagets momsreg.nr: lägg till det i företagsinställningarna</translation>
    </message>
    <message>
        <source>an e-invoice needs the company's VAT number or its F-tax approval: add one in the company settings</source>
        <translation>en e-faktura kräver företagets momsreg.nr eller godkännande för F-skatt: lägg till något av dem i företagsinställningarna</translation>
    </message>
    <message>
        <source>customer {number}: {problem}</source>
        <translation>kund {number}: {problem}</translation>
    </message>
    <message>
        <source>a Peppol e-invoice needs the buyer's Peppol address: set customer {number}'s Peppol endpoint ID (e.g. 0007:5560360793, or 0088 and a GLN)</source>
        <translation>en Peppol-e-faktura kräver köparens Peppol-adress: ange Peppol-ID för kund {number} (t.ex. 0007:5560360793, eller 0088 och ett GLN)</translation>
    </message>
    <message>
        <source>{code} is the company's own currency</source>
        <translation>{code} är företagets egen valuta</translation>
    </message>
    <message>
        <source>not a decimal number: {rate}</source>
        <translation>inte ett decimaltal: {rate}</translation>
    </message>
    <message>
        <source>must be a number above zero</source>
        <translation>måste vara ett tal större än noll</translation>
    </message>
    <message>
        <source>at most {count} digits</source>
        <translation>högst {count} siffror</translation>
    </message>
    <message>
        <source>is a folder, not a file</source>
        <translation>är en mapp, inte en fil</translation>
    </message>
    <message>
        <source>expected an object, got {kind}</source>
        <translation>förväntade ett objekt, fick {kind}</translation>
    </message>
    <message>
        <source>is required</source>
        <translation>måste anges</translation>
    </message>
    <message>
        <source>expected text, got {kind}</source>
        <translation>förväntade text, fick {kind}</translation>
    </message>
    <message>
        <source>longer than {count} characters</source>
        <translation>längre än {count} tecken</translation>
    </message>
    <message>
        <source>expected true or false (or yes/no, ja/nej, sant/falskt, 1/0), got {value}</source>
        <translation>förväntade true eller false (eller yes/no, ja/nej, sant/falskt, 1/0), fick {value}</translation>
    </message>
    <message>
        <source>expected true or false without quotes, got {value}</source>
        <translation>förväntade true eller false utan citattecken, fick {value}</translation>
    </message>
    <message>
        <source>expected true or false, got {value}</source>
        <translation>förväntade true eller false, fick {value}</translation>
    </message>
    <message>
        <source>write the number as a string ({value}), floats are not exact</source>
        <translation>skriv talet som en sträng ({value}), flyttal är inte exakta</translation>
    </message>
    <message>
        <source>not a date in the form YYYY-MM-DD: {value}</source>
        <translation>inte ett datum i formen ÅÅÅÅ-MM-DD: {value}</translation>
    </message>
    <message>
        <source>expected a list of texts</source>
        <translation>förväntade en lista med texter</translation>
    </message>
    <message>
        <source>give {fields} either in {key} or beside it, not both</source>
        <translation>ange {fields} antingen i {key} eller bredvid, inte båda</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>okänt fält</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>ett tal</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>en lista</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>ett objekt</translation>
    </message>
    <message>
        <source>text</source>
        <translation>text</translation>
    </message>
    <message>
        <source>no customer with number {number}</source>
        <translation>ingen kund med nummer {number}</translation>
    </message>
    <message>
        <source>expected a list of lines</source>
        <translation>förväntade en lista med rader</translation>
    </message>
    <message>
        <source>is required (for example "25")</source>
        <translation>måste anges (till exempel "25")</translation>
    </message>
    <message>
        <source>write the rate as a string, for example "25"</source>
        <translation>skriv momssatsen som en sträng, till exempel "25"</translation>
    </message>
    <message>
        <source>this draft</source>
        <translation>det här utkastet</translation>
    </message>
    <message>
        <source>someone else saved or deleted this draft while you were editing; reload it (your changes are not saved)</source>
        <translation>någon annan sparade eller tog bort det här utkastet medan du redigerade; läs in det igen (dina ändringar är inte sparade)</translation>
    </message>
    <message>
        <source>only an issued invoice or credit note can be e-mailed</source>
        <translation>bara en utfärdad faktura eller kreditfaktura kan e-postas</translation>
    </message>
    <message>
        <source>customer {number} has no e-mail address: add one first</source>
        <translation>kund {number} har ingen e-postadress: lägg till en först</translation>
    </message>
    <message>
        <source>invoice {id} is not a draft that can be issued</source>
        <translation>faktura {id} är inte ett utkast som kan utfärdas</translation>
    </message>
    <message>
        <source>invoice {id} does not exist</source>
        <translation>faktura {id} finns inte</translation>
    </message>
    <message>
        <source>invoice {number} is issued and cannot change; credit it instead</source>
        <translation>faktura {number} är utfärdad och kan inte ändras; kreditera den i stället</translation>
    </message>
    <message>
        <source>could not build the message: {reason}</source>
        <translation>meddelandet kunde inte skapas: {reason}</translation>
    </message>
    <message>
        <source>no issued invoice with number {number}</source>
        <translation>ingen utfärdad faktura med nummer {number}</translation>
    </message>
    <message>
        <source>nothing about {number} waits to be e-mailed: no reminder is planned in the coming days and its own e-mail is not waiting</source>
        <translation>inget om {number} väntar på att e-postas: ingen påminnelse är planerad de närmaste dagarna och fakturans eget e-postmeddelande väntar inte</translation>
    </message>
    <message>
        <source>no SMTP settings: set them with `finqr settings smtp` (the sender is part of the message)</source>
        <translation>inga SMTP-inställningar: ange dem med `finqr settings smtp` (avsändaren är en del av meddelandet)</translation>
    </message>
    <message>
        <source>the stored SMTP settings are unreadable: {reason}</source>
        <translation>de sparade SMTP-inställningarna går inte att läsa: {reason}</translation>
    </message>
    <message>
        <source>invoice number {number} is already taken: change the number series (`finqr series set`) so that it continues after the numbers in use</source>
        <translation>fakturanummer {number} är redan upptaget: ändra nummerserien (`finqr series set`) så att den fortsätter efter numren som används</translation>
    </message>
    <message>
        <source>no issued invoice with id {id}</source>
        <translation>ingen utfärdad faktura med id {id}</translation>
    </message>
    <message>
        <source>level {level} of invoice {id} is being sent or was sent</source>
        <translation>nivå {level} för faktura {id} skickas just nu eller har redan skickats</translation>
    </message>
    <message>
        <source>no outbox item {id}</source>
        <translation>ingen post {id} i utkorgen</translation>
    </message>
    <message>
        <source>one of {methods}</source>
        <translation>något av {methods}</translation>
    </message>
    <message>
        <source>is required: the payment is in {currency}, the invoice in {invoice_currency}</source>
        <translation>måste anges: betalningen är i {currency}, fakturan i {invoice_currency}</translation>
    </message>
    <message>
        <source>only for a payment in another currency</source>
        <translation>bara för en betalning i en annan valuta</translation>
    </message>
    <message>
        <source>at most {count} characters</source>
        <translation>högst {count} tecken</translation>
    </message>
    <message>
        <source>invoice {number} is credited in full; nothing is owed</source>
        <translation>faktura {number} är helt krediterad; inget är skuld</translation>
    </message>
    <message>
        <source>invoice {number} is already paid; nothing is left to pay</source>
        <translation>faktura {number} är redan betald; inget återstår att betala</translation>
    </message>
    <message>
        <source>{number} is a credit note; payments go to invoices</source>
        <translation>{number} är en kreditfaktura; betalningar hör till fakturor</translation>
    </message>
    <message>
        <source>payment {id} has only {amount} left to allocate</source>
        <translation>betalning {id} har bara {amount} kvar att fördela</translation>
    </message>
    <message>
        <source>invoice {number} has only {amount} left to pay</source>
        <translation>faktura {number} har bara {amount} kvar att betala</translation>
    </message>
    <message>
        <source>invoice {number} was not paid that much</source>
        <translation>faktura {number} har inte betalats så mycket</translation>
    </message>
    <message>
        <source>payment {id} was converted into {currency}, so it cannot pay invoice {number} in {invoice_currency}</source>
        <translation>betalning {id} är omräknad till {currency} och kan därför inte betala faktura {number} i {invoice_currency}</translation>
    </message>
    <message>
        <source>payment {id} is in {currency}, invoice {number} in {invoice_currency}: give the rate ({invoice_currency} per {currency}) to convert it first</source>
        <translation>betalning {id} är i {currency}, faktura {number} i {invoice_currency}: ange växelkursen ({invoice_currency} per {currency}) för att räkna om den först</translation>
    </message>
    <message>
        <source>not an amount: {amount}</source>
        <translation>inte ett belopp: {amount}</translation>
    </message>
    <message>
        <source>a positive rate of at most 12 digits, not {rate}</source>
        <translation>en positiv kurs med högst 12 siffror, inte {rate}</translation>
    </message>
    <message>
        <source>{day} is not between {earliest} and today</source>
        <translation>{day} ligger inte mellan {earliest} och i dag</translation>
    </message>
    <message>
        <source>payment {id} is already placed in full</source>
        <translation>betalning {id} är redan helt placerad</translation>
    </message>
    <message>
        <source>name at least one invoice</source>
        <translation>ange minst en faktura</translation>
    </message>
    <message>
        <source>a rate converts a payment not yet converted, for one currency</source>
        <translation>en kurs räknar om en betalning som inte redan är omräknad, till en enda valuta</translation>
    </message>
    <message>
        <source>payment {id} is partly placed already</source>
        <translation>betalning {id} är redan delvis placerad</translation>
    </message>
    <message>
        <source>nothing of payment {id} fits invoice {number}</source>
        <translation>inget av betalning {id} passar faktura {number}</translation>
    </message>
    <message>
        <source>an amount takes the sign of what is left of the payment</source>
        <translation>ett belopp ska ha samma tecken som det som är kvar av betalningen</translation>
    </message>
    <message>
        <source>payment {id} has only {amount} {currency} left to place</source>
        <translation>betalning {id} har bara {amount} {currency} kvar att placera</translation>
    </message>
    <message>
        <source>is required: payment {id} is in {currency}, invoice {number} in {invoice_currency}; give the rate ({invoice_currency} per {currency}) to convert the payment</source>
        <translation>måste anges: betalning {id} är i {currency}, faktura {number} i {invoice_currency}; ange växelkursen ({invoice_currency} per {currency}) för att räkna om betalningen</translation>
    </message>
    <message>
        <source>may not be negative</source>
        <translation>får inte vara negativt</translation>
    </message>
    <message>
        <source>{amount} {currency} is left on invoice {number}; no write-off limit is set for {currency} (each currency has its own)</source>
        <translation>{amount} {currency} återstår på faktura {number}; ingen gräns för avskrivning är satt för {currency} (varje valuta har sin egen)</translation>
    </message>
    <message>
        <source>{amount} {currency} is left on invoice {number}; the write-off limit for {currency} is {limit}</source>
        <translation>{amount} {currency} återstår på faktura {number}; gränsen för avskrivning i {currency} är {limit}</translation>
    </message>
    <message>
        <source>FAQ: language {language}; the portal speaks {languages}</source>
        <translation>Frågor och svar: språket {language} finns inte; kundportalen finns på {languages}</translation>
    </message>
    <message>
        <source>FAQ: the question is empty</source>
        <translation>Frågor och svar: frågan är tom</translation>
    </message>
    <message>
        <source>FAQ: the answer is empty</source>
        <translation>Frågor och svar: svaret är tomt</translation>
    </message>
    <message>
        <source>FAQ: the question is longer than {count} characters</source>
        <translation>Frågor och svar: frågan är längre än {count} tecken</translation>
    </message>
    <message>
        <source>FAQ: the answer is longer than {count} characters</source>
        <translation>Frågor och svar: svaret är längre än {count} tecken</translation>
    </message>
    <message>
        <source>FAQ: position {position} is not between 1 and {last}</source>
        <translation>Frågor och svar: plats {position} ligger inte mellan 1 och {last}</translation>
    </message>
    <message>
        <source>FAQ: there is no entry {id}</source>
        <translation>Frågor och svar: det finns ingen post {id}</translation>
    </message>
    <message>
        <source>set where to publish first (a folder, or an SFTP server)</source>
        <translation>ange först var det ska publiceras (en mapp eller en SFTP-server)</translation>
    </message>
    <message>
        <source>portal address: {address} is not a web address (https://…)</source>
        <translation>kundportalens adress: {address} är inte en webbadress (https://…)</translation>
    </message>
    <message>
        <source>portal address: leave out the ? and # parts</source>
        <translation>kundportalens adress: ta bort delarna med ? och #</translation>
    </message>
    <message>
        <source>publish target: {target} is not one of folder, sftp</source>
        <translation>publiceringsmål: {target} är inte något av folder, sftp</translation>
    </message>
    <message>
        <source>SFTP server: {host} is not a host name or address</source>
        <translation>SFTP-server: {host} är inte ett värdnamn eller en adress</translation>
    </message>
    <message>
        <source>SFTP port: {port} is not between 1 and 65535</source>
        <translation>SFTP-port: {port} ligger inte mellan 1 och 65535</translation>
    </message>
    <message>
        <source>SFTP publishing needs the server and the user name</source>
        <translation>Publicering via SFTP kräver server och användarnamn</translation>
    </message>
    <message>
        <source>invoice {number} no longer exists</source>
        <translation>faktura {number} finns inte längre</translation>
    </message>
    <message>
        <source>no e-mail address</source>
        <translation>ingen e-postadress</translation>
    </message>
    <message>
        <source>the policy has no text for reminder level {level}</source>
        <translation>påminnelseregeln har ingen text för påminnelsenivå {level}</translation>
    </message>
    <message>
        <source>e-invoice: {problem}</source>
        <translation>e-faktura: {problem}</translation>
    </message>
    <message>
        <source>expected a list of levels</source>
        <translation>förväntade en lista med nivåer</translation>
    </message>
    <message>
        <source>expected a list of texts, one per language</source>
        <translation>förväntade en lista med texter, en per språk</translation>
    </message>
    <message>
        <source>expected a list of currencies</source>
        <translation>förväntade en lista med valutor</translation>
    </message>
    <message>
        <source>a three-letter currency code, not {currency}</source>
        <translation>en valutakod med tre bokstäver, inte {currency}</translation>
    </message>
    <message>
        <source>one of {known}, not {given}</source>
        <translation>något av {known}, inte {given}</translation>
    </message>
    <message>
        <source>expected a list of [date, percent] pairs, not empty</source>
        <translation>förväntade en lista med par [datum, procent], inte tom</translation>
    </message>
    <message>
        <source>expected [date, percent]</source>
        <translation>förväntade [datum, procent]</translation>
    </message>
    <message>
        <source>a time of day HH:MM, not {value}</source>
        <translation>en tid på dagen TT:MM, inte {value}</translation>
    </message>
    <message>
        <source>expected a whole number, not {value}</source>
        <translation>förväntade ett heltal, inte {value}</translation>
    </message>
    <message>
        <source>expected a JSON object with the policies</source>
        <translation>förväntade ett JSON-objekt med påminnelsereglerna</translation>
    </message>
    <message>
        <source>expected an object of named policies</source>
        <translation>förväntade ett objekt med namngivna påminnelseregler</translation>
    </message>
    <message>
        <source>no reference rate starts on {day}</source>
        <translation>ingen referensränta börjar gälla {day}</translation>
    </message>
    <message>
        <source>the table needs at least one rate</source>
        <translation>tabellen måste ha minst en ränta</translation>
    </message>
    <message>
        <source>expected {expected}, not {given}</source>
        <translation>förväntade {expected}, inte {given}</translation>
    </message>
    <message>
        <source>this version reads version {version} only</source>
        <translation>den här versionen läser bara version {version}</translation>
    </message>
    <message>
        <source>customers {numbers} follow it</source>
        <translation>kunderna {numbers} följer den</translation>
    </message>
    <message>
        <source>no customer {number}</source>
        <translation>ingen kund {number}</translation>
    </message>
    <message>
        <source>none defined yet</source>
        <translation>inga definierade ännu</translation>
    </message>
    <message>
        <source>no policy {name} (named policies: {known})</source>
        <translation>ingen påminnelseregel {name} (namngivna regler: {known})</translation>
    </message>
    <message>
        <source>must be one of {modes}</source>
        <translation>måste vara något av {modes}</translation>
    </message>
    <message>
        <source>the stored policy is unreadable: {reason}</source>
        <translation>den sparade påminnelseregeln går inte att läsa: {reason}</translation>
    </message>
    <message>
        <source>{numbers} and more</source>
        <translation>{numbers} med flera</translation>
    </message>
    <message>
        <source>{file} is a folder, not a backup file: name one of the files in it</source>
        <translation>{file} är en mapp, inte en säkerhetskopia: ange en av filerna i den</translation>
    </message>
    <message>
        <source>{file}: no such backup file</source>
        <translation>{file}: säkerhetskopian finns inte</translation>
    </message>
    <message>
        <source>{first}, {second}, {third}</source>
        <translation>{first}, {second}, {third}</translation>
    </message>
    <message>
        <source>{first}, {second}</source>
        <translation>{first}, {second}</translation>
    </message>
    <message>
        <source>1 company</source>
        <translation>1 företag</translation>
    </message>
    <message>
        <source>{count} companies</source>
        <translation>{count} företag</translation>
    </message>
    <message>
        <source>1 customer</source>
        <translation>1 kund</translation>
    </message>
    <message>
        <source>{count} customers</source>
        <translation>{count} kunder</translation>
    </message>
    <message>
        <source>1 invoice</source>
        <translation>1 faktura</translation>
    </message>
    <message>
        <source>{count} invoices</source>
        <translation>{count} fakturor</translation>
    </message>
    <message>
        <source>an in-memory database cannot be restored into</source>
        <translation>det går inte att återställa till en databas i minnet</translation>
    </message>
    <message>
        <source>the ledger holds {content}, which the restore replaces: confirm with --force (a backup of it is taken first)</source>
        <translation>reskontran innehåller {content}, som återställningen ersätter: bekräfta med --force (en säkerhetskopia av den tas först)</translation>
    </message>
    <message>
        <source>{number} {what}: failed, not tried again until you act: {error}</source>
        <translation>{number} {what}: misslyckades, försöks inte igen förrän du gör något: {error}</translation>
    </message>
    <message>
        <source>{number} {what}: not sent yet, will be tried again at {time}: {error}</source>
        <translation>{number} {what}: inte skickat än, nytt försök görs {time}: {error}</translation>
    </message>
    <message>
        <source>reminder {level}</source>
        <translation>påminnelse {level}</translation>
    </message>
    <message>
        <source>payment notice</source>
        <translation>betalningsavisering</translation>
    </message>
    <message>
        <source>invoice e-mail sent again</source>
        <translation>fakturamejl skickat igen</translation>
    </message>
    <message>
        <source>invoice e-mail</source>
        <translation>fakturamejl</translation>
    </message>
    <message>
        <source>no SMTP settings: set them with `finqr settings smtp`</source>
        <translation>inga SMTP-inställningar: ange dem med `finqr settings smtp`</translation>
    </message>
    <message>
        <source>{end} is before the start {start}</source>
        <translation>{end} är före starten {start}</translation>
    </message>
    <message>
        <source>a period of at most ten years</source>
        <translation>en period på högst tio år</translation>
    </message>
    <message>
        <source>{what} is in {currency}, and no {currency} exchange rate is entered for {day} or earlier: enter one before exporting</source>
        <translation>{what} är i {currency}, och ingen växelkurs för {currency} är angiven för {day} eller tidigare: ange en innan du exporterar</translation>
    </message>
    <message>
        <source>invoice {number}</source>
        <translation>faktura {number}</translation>
    </message>
    <message>
        <source>{what}: no sales account for VAT rate {code} ({percent} %); this chart knows 25, 12, 6 % and the exempt, reverse-charge, EU and export codes</source>
        <translation>{what}: inget försäljningskonto för momssats {code} ({percent} %); den här kontoplanen känner till 25, 12 och 6 % samt koderna för momsfritt, omvänd skattskyldighet, EU och export</translation>
    </message>
    <message>
        <source>{what}: no VAT account for {percent} %</source>
        <translation>{what}: inget momskonto för {percent} %</translation>
    </message>
    <message>
        <source>payment {id}</source>
        <translation>betalning {id}</translation>
    </message>
    <message>
        <source>a refund</source>
        <translation>en återbetalning</translation>
    </message>
    <message>
        <source>the fee on invoice {number}</source>
        <translation>avgiften på faktura {number}</translation>
    </message>
    <message>
        <source>the write-off on invoice {number}</source>
        <translation>avskrivningen på faktura {number}</translation>
    </message>
    <message>
        <source>the {kind} image cannot be read: {reason}</source>
        <translation>{kind}-bilden kan inte läsas: {reason}</translation>
    </message>
    <message>
        <source>the SVG refers to other files or images; save it as one self-contained SVG</source>
        <translation>SVG-bilden hänvisar till andra filer eller bilder; spara den som en fristående SVG</translation>
    </message>
    <message>
        <source>the SVG cannot be read: {reason}</source>
        <translation>SVG-bilden kan inte läsas: {reason}</translation>
    </message>
    <message>
        <source>the SVG has no size or nothing to draw</source>
        <translation>SVG-bilden har ingen storlek eller inget att rita</translation>
    </message>
    <message>
        <source>the logo is larger than 2 MB</source>
        <translation>logotypen är större än 2 MB</translation>
    </message>
    <message>
        <source>the logo is not a PNG, JPEG or SVG image</source>
        <translation>logotypen är inte en PNG-, JPEG- eller SVG-bild</translation>
    </message>
    <message>
        <source>expected a number of millimetres</source>
        <translation>förväntade ett antal millimeter</translation>
    </message>
    <message>
        <source>expected the image as base64 text</source>
        <translation>förväntade bilden som base64-text</translation>
    </message>
    <message>
        <source>not valid base64</source>
        <translation>inte giltig base64</translation>
    </message>
    <message>
        <source>expected a list of blocks</source>
        <translation>förväntade en lista med block</translation>
    </message>
    <message>
        <source>there is no template {id}</source>
        <translation>det finns ingen mall {id}</translation>
    </message>
    <message>
        <source>no template with id {id}</source>
        <translation>ingen mall med id {id}</translation>
    </message>
    <message>
        <source>no template version with id {id}</source>
        <translation>ingen mallversion med id {id}</translation>
    </message>
    <message>
        <source>not UTF-8 text (byte {byte})</source>
        <translation>inte UTF-8-text (byte {byte})</translation>
    </message>
    <message>
        <source>not valid JSON at line {line}, column {column}</source>
        <translation>inte giltig JSON på rad {line}, kolumn {column}</translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation>inte giltig JSON</translation>
    </message>
    <message>
        <source>not a FINQR template file (expected {format})</source>
        <translation>inte en mallfil från FINQR (förväntade {format})</translation>
    </message>
    <message>
        <source>this version reads format_version {version}</source>
        <translation>den här versionen läser format_version {version}</translation>
    </message>
    <message>
        <source>invoice {id} is not issued</source>
        <translation>faktura {id} är inte utfärdad</translation>
    </message>
    <message>
        <source>{name} is not a SQLite database (nor a FINQR backup)</source>
        <translation>{name} är ingen SQLite-databas (och ingen FINQR-säkerhetskopia)</translation>
    </message>
    <message>
        <source>{name} cannot be read as a SQLite database: {problem}</source>
        <translation>{name} kan inte läsas som en SQLite-databas: {problem}</translation>
    </message>
    <message>
        <source>{name} is damaged: integrity check says {problem}</source>
        <translation>{name} är skadad: integritetskontrollen säger {problem}</translation>
    </message>
    <message>
        <source>{name} is not a PostgreSQL dump pg_restore can read: {problem}</source>
        <translation>{name} är ingen PostgreSQL-dump som pg_restore kan läsa: {problem}</translation>
    </message>
    <message>
        <source>{name} holds a {kind} ({table}), which no FINQR backup has</source>
        <translation>{name} innehåller {kind} ({table}), vilket ingen FINQR-säkerhetskopia har</translation>
    </message>
    <message>
        <source>{name} is not a FINQR ledger: it has no {table} table</source>
        <translation>{name} är ingen FINQR-reskontra: den har ingen tabell {table}</translation>
    </message>
    <message>
        <source>{name} records {count} schema revisions instead of one</source>
        <translation>{name} anger {count} schemaversioner i stället för en</translation>
    </message>
    <message>
        <source>{name} has schema revision {revision}, which this FINQR version does not know (it knows {first} to {last}); a newer FINQR made it, or another program</source>
        <translation>{name} har schemaversion {revision}, som den här FINQR-versionen inte känner till (den känner till {first} till {last}); en nyare FINQR eller ett annat program har skapat den</translation>
    </message>
    <message>
        <source>{name} lacks tables of revision {revision}: {tables}</source>
        <translation>{name} saknar tabeller från version {revision}: {tables}</translation>
    </message>
    <message>
        <source>{name} has tables no FINQR ledger of revision {revision} has: {tables}</source>
        <translation>{name} har tabeller som ingen FINQR-reskontra av version {revision} har: {tables}</translation>
    </message>
    <message>
        <source>{name}: table {table} lacks columns of revision {revision}: {columns}</source>
        <translation>{name}: tabellen {table} saknar kolumner från version {revision}: {columns}</translation>
    </message>
    <message>
        <source>{name}: table {table} has columns no FINQR ledger of revision {revision} has: {columns}</source>
        <translation>{name}: tabellen {table} har kolumner som ingen FINQR-reskontra av version {revision} har: {columns}</translation>
    </message>
    <message>
        <source>{where} is not a FINQR ledger (it holds other tables: {tables})</source>
        <translation>{where} är ingen FINQR-reskontra (den innehåller andra tabeller: {tables})</translation>
    </message>
    <message>
        <source>this ledger was made by a newer FINQR Desktop (schema {current}; this version knows up to {head}): upgrade the app</source>
        <translation>den här reskontran skapades av en nyare FINQR Desktop (schema {current}; den här versionen känner till versioner till och med {head}): uppgradera appen</translation>
    </message>
    <message>
        <source>this ledger records schema revision {current}, which no FINQR Desktop version up to {head} made</source>
        <translation>den här reskontran anger schemaversion {current}, som ingen FINQR Desktop-version till och med {head} har skapat</translation>
    </message>
    <message>
        <source>{path} is on a network share ({fs_type}); a SQLite ledger there gets corrupted when two machines use it, because its write-ahead log needs one machine's shared memory and locks: keep the file on a local disk, or share the ledger through a PostgreSQL server (--database postgresql+psycopg://...)</source>
        <translation>{path} ligger på en nätverksresurs ({fs_type}); en SQLite-reskontra där skadas när två datorer använder den, eftersom dess skrivlogg (write-ahead log) kräver en enda dators delade minne och lås: ha filen på en lokal disk, eller dela reskontran via en PostgreSQL-server (--database postgresql+psycopg://...)</translation>
    </message>
    <message>
        <source>{program} is not on PATH, so {purpose} is not possible: install PostgreSQL's client programs (Debian and Ubuntu: postgresql-client) of the server's version or newer</source>
        <translation>{program} finns inte i PATH, så det går inte att {purpose}: installera PostgreSQL:s klientprogram (Debian och Ubuntu: postgresql-client) i serverns version eller nyare</translation>
    </message>
    <message>
        <source>a PostgreSQL backup</source>
        <translation>göra en PostgreSQL-säkerhetskopia</translation>
    </message>
    <message>
        <source>reading a PostgreSQL backup</source>
        <translation>läsa en PostgreSQL-säkerhetskopia</translation>
    </message>
    <message>
        <source>restoring a PostgreSQL backup</source>
        <translation>återställa en PostgreSQL-säkerhetskopia</translation>
    </message>
    <message>
        <source>{program} did not finish within {seconds} s</source>
        <translation>{program} blev inte klart inom {seconds} s</translation>
    </message>
    <message>
        <source>exit {code}</source>
        <translation>slutkod {code}</translation>
    </message>
    <message>
        <source>{program} failed: {problem}</source>
        <translation>{program} misslyckades: {problem}</translation>
    </message>
    <message>
        <source>the database stayed locked for more than {seconds} s</source>
        <translation>databasen förblev låst i mer än {seconds} s</translation>
    </message>
    <message>
        <source>{target}: another program is writing to this ledger (the app or `finqr scheduler run`?): stop it and restore again</source>
        <translation>{target}: ett annat program skriver till den här reskontran (appen eller `finqr scheduler run`?): stoppa det och återställ igen</translation>
    </message>
    <message>
        <source>a name may not contain line breaks or control characters: {name}</source>
        <translation>ett namn får inte innehålla radbrytningar eller styrtecken: {name}</translation>
    </message>
    <message>
        <source>the name {name} {problem}</source>
        <translation>namnet {name} {problem}</translation>
    </message>
    <message>
        <source>not a recipient: {value}</source>
        <translation>ingen mottagare: {value}</translation>
    </message>
    <message>
        <source>not one recipient: {value} holds {count} addresses; give one</source>
        <translation>inte en mottagare: {value} innehåller {count} adresser; ange en</translation>
    </message>
    <message>
        <source>not one recipient: {value} (put a name with a comma in quotes: "Berg, Åsa")</source>
        <translation>inte en enda mottagare: {value} (sätt ett namn med kommatecken inom citattecken: "Berg, Åsa")</translation>
    </message>
    <message>
        <source>login (AUTH)</source>
        <translation>inloggning (AUTH)</translation>
    </message>
    <message>
        <source>a login for a password with non-ASCII letters</source>
        <translation>inloggning med ett lösenord som har bokstäver utanför ASCII</translation>
    </message>
    <message>
        <source>{message} ({code})</source>
        <translation>{message} ({code})</translation>
    </message>
    <message>
        <source>The mail server refused {what} for now; it will be tried again: {reply}</source>
        <translation>E-postservern avvisade {what} tills vidare; ett nytt försök görs senare: {reply}</translation>
    </message>
    <message>
        <source>The mail server refused {what}: {reply}</source>
        <translation>E-postservern avvisade {what}: {reply}</translation>
    </message>
    <message>
        <source>the login</source>
        <translation>inloggningen</translation>
    </message>
    <message>
        <source>The mail server {host} did not accept the user name or password</source>
        <translation>E-postservern {host} godtog inte användarnamnet eller lösenordet</translation>
    </message>
    <message>
        <source>The mail server {host} does not offer {feature}</source>
        <translation>E-postservern {host} erbjuder inte {feature}</translation>
    </message>
    <message>
        <source>The connection to the mail server {host} was lost</source>
        <translation>Anslutningen till e-postservern {host} bröts</translation>
    </message>
    <message>
        <source>The certificate of the mail server {host} could not be verified</source>
        <translation>Certifikatet för e-postservern {host} kunde inte verifieras</translation>
    </message>
    <message>
        <source>No secure connection to {host}: check the port and the security setting</source>
        <translation>Ingen säker anslutning till {host}: kontrollera porten och säkerhetsinställningen</translation>
    </message>
    <message>
        <source>The mail server's name {host} could not be found</source>
        <translation>E-postserverns namn {host} kunde inte hittas</translation>
    </message>
    <message>
        <source>The mail server {host} did not answer in time</source>
        <translation>E-postservern {host} svarade inte i tid</translation>
    </message>
    <message>
        <source>The mail server {host} refused the connection</source>
        <translation>E-postservern {host} vägrade anslutningen</translation>
    </message>
    <message>
        <source>The mail server {host} closed the connection</source>
        <translation>E-postservern {host} stängde anslutningen</translation>
    </message>
    <message>
        <source>No connection to the mail server {host}: {problem}</source>
        <translation>Ingen anslutning till e-postservern {host}: {problem}</translation>
    </message>
    <message>
        <source>The mail server {host} answered unexpectedly: {problem}</source>
        <translation>E-postservern {host} svarade oväntat: {problem}</translation>
    </message>
    <message>
        <source>{name}: a colour is written #RRGGBB, not {colour}</source>
        <translation>{name}: en färg skrivs #RRGGBB, inte {colour}</translation>
    </message>
    <message>
        <source>to: the message needs at least one recipient</source>
        <translation>to: meddelandet behöver minst en mottagare</translation>
    </message>
    <message>
        <source>subject: a subject is one line</source>
        <translation>subject: ämnesraden måste vara en enda rad</translation>
    </message>
    <message>
        <source>attachments: not a MIME type: {type}</source>
        <translation>attachments: ingen MIME-typ: {type}</translation>
    </message>
    <message>
        <source>attachments: not a file name: {name}</source>
        <translation>attachments: inget filnamn: {name}</translation>
    </message>
    <message>
        <source>a password belongs to a user name; this server has none</source>
        <translation>ett lösenord hör till ett användarnamn; den här servern har inget</translation>
    </message>
    <message>
        <source>No system keyring is available to keep the SMTP password safely, so it is not saved; enter it once each session instead.</source>
        <translation>Det finns ingen nyckelring i systemet som kan förvara SMTP-lösenordet säkert, så det sparas inte; ange det en gång per session i stället.</translation>
    </message>
    <message>
        <source>The system keyring could not be used (it may be locked or missing), so the SMTP password is not saved; enter it once each session instead.</source>
        <translation>Systemets nyckelring kunde inte användas (den kan vara låst eller saknas), så SMTP-lösenordet sparas inte; ange det en gång per session i stället.</translation>
    </message>
    <message>
        <source>password: the server has a user name, so a password is needed</source>
        <translation>password: servern har ett användarnamn, så ett lösenord behövs</translation>
    </message>
    <message>
        <source>The message has no recipient</source>
        <translation>Meddelandet har ingen mottagare</translation>
    </message>
    <message>
        <source>the sender {address}</source>
        <translation>avsändaren {address}</translation>
    </message>
    <message>
        <source>the recipient {address}</source>
        <translation>mottagaren {address}</translation>
    </message>
    <message>
        <source>not a host name: {host}</source>
        <translation>inget värdnamn: {host}</translation>
    </message>
    <message>
        <source>a port is a whole number from 1 to 65535, not {port}</source>
        <translation>en port är ett heltal från 1 till 65535, inte {port}</translation>
    </message>
    <message>
        <source>choose one of {choices}, not {chosen}</source>
        <translation>välj något av {choices}, inte {chosen}</translation>
    </message>
    <message>
        <source>a user name has no spaces or line breaks</source>
        <translation>ett användarnamn har inga mellanslag eller radbrytningar</translation>
    </message>
    <message>
        <source>a timeout is more than 0 and at most 600 seconds</source>
        <translation>en tidsgräns är mer än 0 och högst 600 sekunder</translation>
    </message>
    <message>
        <source>this is not a BgMax record: it starts with {code}, not a two-digit transaction code</source>
        <translation>det här är ingen BgMax-post: den börjar med {code}, inte med en tvåsiffrig transaktionskod</translation>
    </message>
    <message>
        <source>a record (type {code}) after the end record (70) of line {end}</source>
        <translation>en post (typ {code}) efter slutposten (70) på rad {end}</translation>
    </message>
    <message>
        <source>a BgMax file begins with a start record (01), this one with type {code}</source>
        <translation>en BgMax-fil börjar med en startpost (01), den här med typ {code}</translation>
    </message>
    <message>
        <source>record type {code} is unknown; skipped</source>
        <translation>posttyp {code} är okänd; hoppades över</translation>
    </message>
    <message>
        <source>a second start record (01); the first is on line {first}</source>
        <translation>en andra startpost (01); den första står på rad {first}</translation>
    </message>
    <message>
        <source>an opening record (05) before the deposit record (15) that closes the deposit opened on line {opened}</source>
        <translation>en öppningspost (05) före insättningsposten (15) som avslutar insättningen som öppnades på rad {opened}</translation>
    </message>
    <message>
        <source>{record} ({code}) outside a deposit: no opening record (05) before it</source>
        <translation>{record} ({code}) utanför en insättning: ingen öppningspost (05) före den</translation>
    </message>
    <message>
        <source>{record} ({code}) must follow a payment (20) or deduction (21) record</source>
        <translation>{record} ({code}) måste följa efter en betalningspost (20) eller en avdragspost (21)</translation>
    </message>
    <message>
        <source>the payer's organisation number</source>
        <translation>betalarens organisationsnummer</translation>
    </message>
    <message>
        <source>a deposit record (15) without an opening record (05) before it</source>
        <translation>en insättningspost (15) utan öppningspost (05) före den</translation>
    </message>
    <message>
        <source>the deposit is in {currency}, but its opening record (line {opened}) says {opening_currency}</source>
        <translation>insättningen är i {currency}, men dess öppningspost (rad {opened}) anger {opening_currency}</translation>
    </message>
    <message>
        <source>the deposit record counts {said} payment and deduction records, the deposit opened on line {opened} has {found}</source>
        <translation>insättningsposten räknar {said} betalnings- och avdragsposter, insättningen som öppnades på rad {opened} har {found}</translation>
    </message>
    <message>
        <source>the deposit amount is {amount} {currency}, but the payments less deductions from line {opened} add up to {total}</source>
        <translation>insättningsbeloppet är {amount} {currency}, men betalningarna minus avdragen från rad {opened} summerar till {total}</translation>
    </message>
    <message>
        <source>reference code {code} is reserved; the reference is read as free text</source>
        <translation>referenskod {code} är reserverad; referensen läses som fritext</translation>
    </message>
    <message>
        <source>the extra references' amounts add up to {total}, not to the payment's {amount}; the split is not used</source>
        <translation>de extra referensernas belopp summerar till {total}, inte till betalningens {amount}; uppdelningen används inte</translation>
    </message>
    <message>
        <source>the end record (70) comes before the deposit record (15) of the deposit opened on line {opened}</source>
        <translation>slutposten (70) kommer före insättningsposten (15) för insättningen som öppnades på rad {opened}</translation>
    </message>
    <message>
        <source>payment (20)</source>
        <translation>betalning (20)</translation>
    </message>
    <message>
        <source>deduction (21)</source>
        <translation>avdrag (21)</translation>
    </message>
    <message>
        <source>extra reference (22 and 23)</source>
        <translation>extra referens (22 och 23)</translation>
    </message>
    <message>
        <source>deposit (15)</source>
        <translation>insättning (15)</translation>
    </message>
    <message>
        <source>the end record counts {said} {record} records, the file has {found}</source>
        <translation>slutposten räknar {said} poster av typen {record}, filen har {found}</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>filen är tom</translation>
    </message>
    <message>
        <source>inside the deposit opened on line {opened}</source>
        <translation>mitt i insättningen som öppnades på rad {opened}</translation>
    </message>
    <message>
        <source>after the last deposit</source>
        <translation>efter den sista insättningen</translation>
    </message>
    <message>
        <source>the file ends {where}, without the end record (70): it is incomplete</source>
        <translation>filen slutar {where}, utan slutpost (70): den är ofullständig</translation>
    </message>
    <message>
        <source>a payment record</source>
        <translation>en betalningspost</translation>
    </message>
    <message>
        <source>a deduction record</source>
        <translation>en avdragspost</translation>
    </message>
    <message>
        <source>an extra reference record</source>
        <translation>en extra referenspost</translation>
    </message>
    <message>
        <source>an information record</source>
        <translation>en informationspost</translation>
    </message>
    <message>
        <source>a name record</source>
        <translation>en namnpost</translation>
    </message>
    <message>
        <source>an address record</source>
        <translation>en adresspost</translation>
    </message>
    <message>
        <source>an organisation number record</source>
        <translation>en organisationsnummerpost</translation>
    </message>
    <message>
        <source>{problem}; the record has only {length} characters: is the file cut short?</source>
        <translation>{problem}; posten har bara {length} tecken: är filen avkortad?</translation>
    </message>
    <message>
        <source>{label} (positions {start}-{end}) must be digits, found {found}</source>
        <translation>{label} (position {start}–{end}) måste vara siffror, hittade {found}</translation>
    </message>
    <message>
        <source>the amount</source>
        <translation>beloppet</translation>
    </message>
    <message>
        <source>{label} (positions {start}-{end}) is not a date YYYYMMDD: {found}</source>
        <translation>{label} (position {start}–{end}) är inget datum ÅÅÅÅMMDD: {found}</translation>
    </message>
    <message>
        <source>the currency (positions {start}-{end}) is not a currency code: {found}</source>
        <translation>valutan (position {start}–{end}) är ingen valutakod: {found}</translation>
    </message>
    <message>
        <source>the layout name is {layout}, not BGMAX</source>
        <translation>layoutnamnet är {layout}, inte BGMAX</translation>
    </message>
    <message>
        <source>BgMax version {version} is not supported, only version 01</source>
        <translation>BgMax version {version} stöds inte, bara version 01</translation>
    </message>
    <message>
        <source>the write time (positions 25-44) is not YYYYMMDDHHMMSS and microseconds: {found}</source>
        <translation>skrivtiden (position 25–44) är inte ÅÅÅÅMMDDTTMMSS och mikrosekunder: {found}</translation>
    </message>
    <message>
        <source>the test mark (position 45) must be T or P, found {found}</source>
        <translation>testmarkeringen (position 45) måste vara T eller P, hittade {found}</translation>
    </message>
    <message>
        <source>the payee's bankgiro number</source>
        <translation>betalningsmottagarens bankgironummer</translation>
    </message>
    <message>
        <source>the payee's bankgiro number is missing</source>
        <translation>betalningsmottagarens bankgironummer saknas</translation>
    </message>
    <message>
        <source>the payee's plusgiro number</source>
        <translation>betalningsmottagarens plusgironummer</translation>
    </message>
    <message>
        <source>the reference code (position 56) must be a digit, found {found}</source>
        <translation>referenskoden (position 56) måste vara en siffra, hittade {found}</translation>
    </message>
    <message>
        <source>the BGC serial number (positions 58-69) is missing</source>
        <translation>BGC-löpnumret (position 58–69) saknas</translation>
    </message>
    <message>
        <source>the payer's bankgiro number</source>
        <translation>betalarens bankgironummer</translation>
    </message>
    <message>
        <source>the payee's bank account number</source>
        <translation>betalningsmottagarens bankkontonummer</translation>
    </message>
    <message>
        <source>the payment date</source>
        <translation>betalningsdagen</translation>
    </message>
    <message>
        <source>the deposit amount</source>
        <translation>insättningsbeloppet</translation>
    </message>
    <message>
        <source>the number of payment records</source>
        <translation>antalet betalningsposter</translation>
    </message>
    <message>
        <source>the number of deduction records</source>
        <translation>antalet avdragsposter</translation>
    </message>
    <message>
        <source>the number of extra reference records</source>
        <translation>antalet extra referensposter</translation>
    </message>
    <message>
        <source>the number of deposit records</source>
        <translation>antalet insättningsposter</translation>
    </message>
    <message>
        <source>the file has no line ends; read as 80-character records</source>
        <translation>filen har inga radslut; lästes som poster om 80 tecken</translation>
    </message>
    <message>
        <source>a control character ({code}) at position {position}; a BgMax record holds only text</source>
        <translation>ett styrtecken ({code}) på position {position}; en BgMax-post innehåller bara text</translation>
    </message>
    <message>
        <source>the record is {length} characters long; a BgMax record has {expected}</source>
        <translation>posten är {length} tecken lång; en BgMax-post har {expected}</translation>
    </message>
    <message>
        <source>tabs on {count} line(s) were read as blanks</source>
        <translation>tabbar på {count} rad(er) lästes som blanksteg</translation>
    </message>
    <message>
        <source>this XML file is not a camt.053 or camt.054 bank file: its root element is {found}</source>
        <translation>den här XML-filen är ingen bankfil av typen camt.053 eller camt.054: dess rotelement är {found}</translation>
    </message>
    <message>
        <source>camt.{message} version {version} is not supported; versions 2 to 8 are</source>
        <translation>camt.{message} version {version} stöds inte; version 2 till 8 stöds</translation>
    </message>
    <message>
        <source>the message element {name} is missing</source>
        <translation>meddelandeelementet {name} saknas</translation>
    </message>
    <message>
        <source>the file holds no {name}</source>
        <translation>filen innehåller ingen {name}</translation>
    </message>
    <message>
        <source>1 entry left out: {reason}</source>
        <translation>1 post utelämnad: {reason}</translation>
    </message>
    <message>
        <source>{count} entries left out: {reason}</source>
        <translation>{count} poster utelämnade: {reason}</translation>
    </message>
    <message>
        <source>the summary counts {count} entries, the {element} has {found}</source>
        <translation>sammanställningen räknar {count} poster, {element} har {found}</translation>
    </message>
    <message>
        <source>net</source>
        <translation>nettot</translation>
    </message>
    <message>
        <source>the summary's {what} is not an amount: {stated}</source>
        <translation>{what} i sammanställningen är inget belopp: {stated}</translation>
    </message>
    <message>
        <source>the summary's {what} is {stated}, the entries add up to {found}</source>
        <translation>{what} i sammanställningen är {stated}, posterna summerar till {found}</translation>
    </message>
    <message>
        <source>one page of a statement of several: balances not checked</source>
        <translation>en sida av ett kontoutdrag med flera sidor: saldona kontrolleras inte</translation>
    </message>
    <message>
        <source>the balances are in other currencies than the entries; not checked</source>
        <translation>saldona är i andra valutor än posterna; kontrolleras inte</translation>
    </message>
    <message>
        <source>the closing balance is {end} {currency}, but the opening balance {start} and the booked entries give {found}</source>
        <translation>utgående saldo är {end} {currency}, men ingående saldo {start} och de bokförda posterna ger {found}</translation>
    </message>
    <message>
        <source>the entry's status (Sts) is missing</source>
        <translation>postens status (Sts) saknas</translation>
    </message>
    <message>
        <source>not booked (status {status})</source>
        <translation>inte bokförd (status {status})</translation>
    </message>
    <message>
        <source>a debit (money paid out)</source>
        <translation>en debitering (utbetalda pengar)</translation>
    </message>
    <message>
        <source>a reversed debit</source>
        <translation>en återförd debitering</translation>
    </message>
    <message>
        <source>the entry has neither a booking date nor a value date</source>
        <translation>posten har varken bokföringsdag eller valutadag</translation>
    </message>
    <message>
        <source>a {transaction} transaction inside a {entry} entry; left out</source>
        <translation>en {transaction}-transaktion i en {entry}-post; utelämnas</translation>
    </message>
    <message>
        <source>the entry's {count} transactions add up to {total} {currency}, the entry says {amount}</source>
        <translation>postens {count} transaktioner summerar till {total} {currency}, posten anger {amount}</translation>
    </message>
    <message>
        <source>a transaction of a batched entry has no amount (AmtDtls/TxAmt/Amt or Amt)</source>
        <translation>en transaktion i en samlingspost har inget belopp (AmtDtls/TxAmt/Amt eller Amt)</translation>
    </message>
    <message>
        <source>the transaction is in {currency}, its entry in {entry_currency}; a batched entry's transactions must be in the entry's currency</source>
        <translation>transaktionen är i {currency}, dess post i {entry_currency}; en samlingsposts transaktioner måste vara i postens valuta</translation>
    </message>
    <message>
        <source>the transaction says {amount} {currency}, its entry {entry_amount} {entry_currency}; the entry's booked amount is used</source>
        <translation>transaktionen anger {amount} {currency}, dess post {entry_amount} {entry_currency}; postens bokförda belopp används</translation>
    </message>
    <message>
        <source>the batch says {count} transactions, the entry details hold {found}</source>
        <translation>samlingen anger {count} transaktioner, postens detaljer innehåller {found}</translation>
    </message>
    <message>
        <source>the batch total is {amount} {currency}, its transactions add up to {total} {entry_currency}</source>
        <translation>samlingens summa är {amount} {currency}, dess transaktioner summerar till {total} {entry_currency}</translation>
    </message>
    <message>
        <source>not a count: {text}</source>
        <translation>inget antal: {text}</translation>
    </message>
    <message>
        <source>{reason}; the rate is not used</source>
        <translation>{reason}; kursen används inte</translation>
    </message>
    <message>
        <source>{element}: {reason}; left out</source>
        <translation>{element}: {reason}; utelämnas</translation>
    </message>
    <message>
        <source>the file gives two rates, {first} and {second}</source>
        <translation>filen anger två kurser, {first} och {second}</translation>
    </message>
    <message>
        <source>{kind}: the exchange rate (XchgRate) is missing</source>
        <translation>{kind}: växelkursen (XchgRate) saknas</translation>
    </message>
    <message>
        <source>{kind}: the exchange rate {rate} is not a number</source>
        <translation>{kind}: växelkursen {rate} är inget tal</translation>
    </message>
    <message>
        <source>{kind}: the exchange rate {rate} is not above zero</source>
        <translation>{kind}: växelkursen {rate} är inte större än noll</translation>
    </message>
    <message>
        <source>{kind}: a rate of {rate} from {currency} into {currency}</source>
        <translation>{kind}: en kurs på {rate} från {currency} till {currency}</translation>
    </message>
    <message>
        <source>{kind}: the unit currency {unit} is neither {source} nor {target}</source>
        <translation>{kind}: enhetsvalutan {unit} är varken {source} eller {target}</translation>
    </message>
    <message>
        <source>{kind}: {reason}; the date is left out</source>
        <translation>{kind}: {reason}; datumet utelämnas</translation>
    </message>
    <message>
        <source>the exchange names no source currency ({name})</source>
        <translation>växlingen anger ingen källvaluta ({name})</translation>
    </message>
    <message>
        <source>{name} {text} is not a currency code</source>
        <translation>{name} {text} är ingen valutakod</translation>
    </message>
    <message>
        <source>the rate {rate} makes {have} {unit} {expected} {quoted}, but the file gives {want} {quoted}</source>
        <translation>kursen {rate} gör {have} {unit} till {expected} {quoted}, men filen anger {want} {quoted}</translation>
    </message>
    <message>
        <source>the amount ({name}) is missing</source>
        <translation>beloppet ({name}) saknas</translation>
    </message>
    <message>
        <source>not an amount: {text} (digits with a decimal point, no sign)</source>
        <translation>inget belopp: {text} (siffror med decimalpunkt, utan förtecken)</translation>
    </message>
    <message>
        <source>the amount {amount} {currency} is not valid: {problem}</source>
        <translation>beloppet {amount} {currency} är inte giltigt: {problem}</translation>
    </message>
    <message>
        <source>the credit/debit indicator must be CRDT or DBIT, found {found}</source>
        <translation>kredit/debet-markeringen måste vara CRDT eller DBIT, hittade {found}</translation>
    </message>
    <message>
        <source>not a date: {text}</source>
        <translation>inget datum: {text}</translation>
    </message>
    <message>
        <source>the date (Dt or DtTm) is missing</source>
        <translation>datumet (Dt eller DtTm) saknas</translation>
    </message>
    <message>
        <source>not a date and time: {text}</source>
        <translation>ingen tidpunkt: {text}</translation>
    </message>
    <message>
        <source>the XML file holds a construct that is refused for safety ({construct})</source>
        <translation>XML-filen innehåller en konstruktion som av säkerhetsskäl inte godtas ({construct})</translation>
    </message>
    <message>
        <source>the file is not well-formed XML: {problem}</source>
        <translation>filen är inte välformad XML: {problem}</translation>
    </message>
    <message>
        <source>the XML file has no root element</source>
        <translation>XML-filen har inget rotelement</translation>
    </message>
    <message>
        <source>the file is UTF-16 text; bank files are ISO-8859-1 (BgMax) or UTF-8 XML (camt)</source>
        <translation>filen är UTF-16-text; bankfiler är ISO-8859-1 (BgMax) eller UTF-8-XML (camt)</translation>
    </message>
    <message>
        <source>this is not a bank file FINQR can read: a BgMax file begins with 01BGMAX, a camt.053 or camt.054 file is XML</source>
        <translation>det här är ingen bankfil som FINQR kan läsa: en BgMax-fil börjar med 01BGMAX, en camt.053- eller camt.054-fil är XML</translation>
    </message>
    <message>
        <source>cannot use the folder {folder}: {problem}</source>
        <translation>kan inte använda mappen {folder}: {problem}</translation>
    </message>
    <message>
        <source>cannot write to the folder {folder}</source>
        <translation>kan inte skriva till mappen {folder}</translation>
    </message>
    <message>
        <source>the SFTP server {host} is not known yet; its key is {fingerprint}. Confirm it is your web host's key to publish there.</source>
        <translation>SFTP-servern {host} är inte känd än; dess nyckel är {fingerprint}. Bekräfta att det är ditt webbhotells nyckel för att publicera där.</translation>
    </message>
    <message>
        <source>the SFTP server {host} answered with a different key ({fingerprint}) from the one confirmed before; nothing was sent. If the host really changed its key, forget the old one in the publish settings and confirm the new one.</source>
        <translation>SFTP-servern {host} svarade med en annan nyckel ({fingerprint}) än den som bekräftades tidigare; inget skickades. Om servern verkligen har bytt nyckel: glöm den gamla i publiceringsinställningarna och bekräfta den nya.</translation>
    </message>
    <message>
        <source>cannot reach the SFTP server {host}:{port}: {problem}</source>
        <translation>kan inte nå SFTP-servern {host}:{port}: {problem}</translation>
    </message>
    <message>
        <source>SFTP to {host} failed: {problem}</source>
        <translation>SFTP till {host} misslyckades: {problem}</translation>
    </message>
    <message>
        <source>the key file {path} needs its passphrase</source>
        <translation>nyckelfilen {path} behöver sin lösenfras</translation>
    </message>
    <message>
        <source>no password for {user}@{host}</source>
        <translation>inget lösenord för {user}@{host}</translation>
    </message>
    <message>
        <source>the SFTP server {host} refused the login of {user}</source>
        <translation>SFTP-servern {host} nekade inloggning för {user}</translation>
    </message>
    <message>
        <source>cannot read the key file {path}: {problem}</source>
        <translation>kan inte läsa nyckelfilen {path}: {problem}</translation>
    </message>
    <message>
        <source>{folder} on the SFTP server is not a folder</source>
        <translation>{folder} på SFTP-servern är ingen mapp</translation>
    </message>
    <message>
        <source>the document number</source>
        <translation>dokumentnumret</translation>
    </message>
    <message>
        <source>the seller's name (company settings)</source>
        <translation>säljarens namn (företagsinställningar)</translation>
    </message>
    <message>
        <source>the buyer's name</source>
        <translation>köparens namn</translation>
    </message>
    <message>
        <source>the buyer reference ('your reference' or the customer's buyer reference)</source>
        <translation>köparens referens (Er referens eller kundens köparreferens)</translation>
    </message>
    <message>
        <source>the name of line {line}</source>
        <translation>namnet på rad {line}</translation>
    </message>
    <message>
        <source>{what} ({rule})</source>
        <translation>{what} ({rule})</translation>
    </message>
    <message>
        <source>e-invoice {number}: {missing} would be empty: it is missing, or holds only characters an e-invoice cannot carry (control characters, U+FFFE, U+FFFF, lone surrogates); correct it</source>
        <translation>e-faktura {number}: {missing} skulle bli tomt: det saknas, eller innehåller bara tecken som en e-faktura inte kan bära (styrtecken, U+FFFE, U+FFFF, ensamma surrogat); rätta det</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>(inget nummer)</translation>
    </message>
    <message>
        <source>Personal identity number</source>
        <translation>Personnummer</translation>
    </message>
    <message>
        <source>it must have 10 or 12 digits, this has {count}</source>
        <translation>det måste ha 10 eller 12 siffror, detta har {count}</translation>
    </message>
    <message>
        <source>in 12 digits the number starts with the century, 19 or 20</source>
        <translation>med 12 siffror börjar numret med århundradet, 19 eller 20</translation>
    </message>
    <message>
        <source>{digits} is not a date of birth (a coordination number adds 60 to the day)</source>
        <translation>{digits} är inget födelsedatum (ett samordningsnummer lägger till 60 till dagen)</translation>
    </message>
    <message>
        <source>an invoice of this batch</source>
        <translation>en faktura i den här omgången</translation>
    </message>
    <message>
        <source>the invoice is dated {date}, but {number} of the same number series is already issued dated {latest}: numbers must follow the dates. Date it {latest} or later</source>
        <translation>fakturan är daterad {date}, men {number} i samma nummerserie är redan utfärdad med datum {latest}: numren måste följa datumen. Datera den {latest} eller senare</translation>
    </message>
    <message>
        <source>the invoice is dated {date}, but {number} of the same number series is already issued dated {latest}: numbers must follow the dates. Date it {latest} or later, or issue it with today's date, {today}</source>
        <translation>fakturan är daterad {date}, men {number} i samma nummerserie är redan utfärdad med datum {latest}: numren måste följa datumen. Datera den {latest} eller senare, eller utfärda den med dagens datum, {today}</translation>
    </message>
    <message>
        <source>the due date {due} has already passed on the day of issue, {today}: the customer is asked to pay by a day that is gone</source>
        <translation>förfallodatumet {due} har redan passerat på utfärdandedagen, {today}: kunden ombeds betala senast en dag som redan varit</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>skickat</translation>
    </message>
    <message>
        <source>waiting to be retried at {time}</source>
        <translation>väntar på nytt försök {time}</translation>
    </message>
    <message>
        <source>not sent: a temporary failure</source>
        <translation>inte skickat: ett tillfälligt fel</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>misslyckades</translation>
    </message>
    <message>
        <source>The due date {due} has already passed: the invoice would ask the customer to pay by a day that is gone. Issue it anyway?</source>
        <translation>Förfallodatumet {due} har redan passerat: fakturan skulle be kunden betala senast en dag som redan varit. Utfärda den ändå?</translation>
    </message>
    <message>
        <source>Due date has passed</source>
        <translation>Förfallodatumet har passerat</translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation>Inte utfärdad</translation>
    </message>
    <message>
        <source>{problem}.

Date the invoice today, {today}, and issue it?</source>
        <translation>{problem}.

Datera fakturan i dag, {today}, och utfärda den?</translation>
    </message>
    <message>
        <source>Invoice numbers follow the dates</source>
        <translation>Fakturanumren följer datumen</translation>
    </message>
    <message>
        <source>the ledger file {path} was moved or deleted while it was open, so nothing was saved; put it back or open the ledger again from the File menu</source>
        <translation>reskontrafilen {path} flyttades eller raderades medan den var öppen, så inget sparades; lägg tillbaka den eller öppna reskontran igen från Arkiv-menyn</translation>
    </message>
    <message>
        <source>the ledger is busy: another program or workstation kept it locked for {seconds} seconds, so nothing was saved; try again in a moment</source>
        <translation>reskontran är upptagen: ett annat program eller en annan arbetsplats höll den låst i {seconds} sekunder, så inget sparades; försök igen om en stund</translation>
    </message>
</context>
<context>
    <name>AccountsDialog</name>
    <message>
        <source>Accounts of the SIE export</source>
        <translation>Konton i SIE-exporten</translation>
    </message>
</context>
<context>
    <name>AgingDialog</name>
    <message>
        <source>Aging report</source>
        <translation>Åldersanalys</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Spara PDF…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>Spara CSV…</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>Per datum</translation>
    </message>
    <message>
        <source>Save the aging report</source>
        <translation>Spara åldersanalysen</translation>
    </message>
</context>
<context>
    <name>AuditHistoryPanel</name>
    <message>
        <source>History</source>
        <translation>Historik</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Vem</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Händelse</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detaljer</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Utfärdad</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>Krediterad</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Betalning</translation>
    </message>
    <message>
        <source>Payment placed</source>
        <translation>Betalning placerad</translation>
    </message>
    <message>
        <source>Written off</source>
        <translation>Avskriven</translation>
    </message>
    <message>
        <source>Customer credit</source>
        <translation>Tillgodohavande</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickad</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
    <message>
        <source>Dispute</source>
        <translation>Bestridande</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Påminnelse</translation>
    </message>
    <message>
        <source>Template changed</source>
        <translation>Mall ändrad</translation>
    </message>
    <message>
        <source>Customer changed</source>
        <translation>Kund ändrad</translation>
    </message>
    <message>
        <source>Settings changed</source>
        <translation>Inställningar ändrade</translation>
    </message>
    <message>
        <source>{user} on {workstation}</source>
        <translation>{user} på {workstation}</translation>
    </message>
    <message>
        <source>Nothing is recorded about this invoice yet.</source>
        <translation>Inget har registrerats om den här fakturan ännu.</translation>
    </message>
</context>
<context>
    <name>BackupActions</name>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Säkerhetskopiera nu…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>Åte&amp;rställ…</translation>
    </message>
    <message>
        <source>Backup &amp;settings…</source>
        <translation>&amp;Inställningar för säkerhetskopiering…</translation>
    </message>
    <message>
        <source>Back up the ledger into</source>
        <translation>Säkerhetskopiera reskontran till</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Återställ en säkerhetskopia</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Återställ</translation>
    </message>
    <message>
        <source>Restore {file} (schema {revision})?

It replaces the ledger{content}. A backup of the ledger as it is now is taken first. FINQR Desktop closes afterwards; start it again to work on the restored ledger.</source>
        <translation>Vill du återställa {file} (schema {revision})?

Återställningen ersätter reskontran{content}. Först tas en säkerhetskopia av reskontran som den är nu. FINQR Desktop stängs sedan; starta programmet igen för att arbeta i den återställda reskontran.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Säkerhetskopiering</translation>
    </message>
    <message>
        <source>A backup is running.</source>
        <translation>En säkerhetskopiering pågår.</translation>
    </message>
</context>
<context>
    <name>BackupSettingsDialog</name>
    <message>
        <source>Backup settings</source>
        <translation>Inställningar för säkerhetskopiering</translation>
    </message>
    <message>
        <source>Back up automatically once a day</source>
        <translation>Säkerhetskopiera automatiskt en gång om dagen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Välj…</translation>
    </message>
    <message>
        <source>Automatic backups are taken at start-up and by the scheduler when the newest backup is a day old; only automatic ones beyond the count are removed. An empty folder means the default.</source>
        <translation>Automatiska säkerhetskopior tas vid start och av schemaläggaren när den senaste säkerhetskopian är ett dygn gammal; bara automatiska kopior utöver antalet tas bort. Tom mapp betyder standardmappen.</translation>
    </message>
    <message>
        <source>Automatic backups kept</source>
        <translation>Antal automatiska säkerhetskopior att spara</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Mapp</translation>
    </message>
    <message>
        <source>Backup folder</source>
        <translation>Mapp för säkerhetskopior</translation>
    </message>
</context>
<context>
    <name>BlockForm</name>
    <message>
        <source>**bold**, *italic*, [text](https://…); a new line breaks the line</source>
        <translation>**fet**, *kursiv*, [text](https://…); en ny rad bryter raden</translation>
    </message>
    <message>
        <source>Markup: {hint}</source>
        <translation>Formatering: {hint}</translation>
    </message>
    <message>
        <source>any customer; or tags separated by commas</source>
        <translation>alla kunder; eller taggar åtskilda med kommatecken</translation>
    </message>
    <message>
        <source>any language; or sv, en, …</source>
        <translation>alla språk; eller sv, en, …</translation>
    </message>
    <message>
        <source>from</source>
        <translation>från</translation>
    </message>
    <message>
        <source>until</source>
        <translation>till</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Rubrik</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Placering</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <source>Customer tags</source>
        <translation>Kundtaggar</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Kampanj</translation>
    </message>
    <message>
        <source>Nothing ticked or typed means: every document and customer.</source>
        <translation>Inget ikryssat eller ifyllt betyder: alla dokument och kunder.</translation>
    </message>
</context>
<context>
    <name>BlockList</name>
    <message>
        <source>Add block</source>
        <translation>Lägg till block</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Flytta upp</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Flytta ned</translation>
    </message>
    <message>
        <source>No message blocks yet: add one for a greeting or an offer.</source>
        <translation>Inga meddelandeblock ännu: lägg till ett för en hälsning eller ett erbjudande.</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>Nytt meddelande</translation>
    </message>
    <message>
        <source>Block {n}: {message}</source>
        <translation>Block {n}: {message}</translation>
    </message>
</context>
<context>
    <name>BrandForm</name>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.svg)</source>
        <translation>Bilder (*.png *.jpg *.jpeg *.svg)</translation>
    </message>
    <message>
        <source>Primary colour</source>
        <translation>Primärfärg</translation>
    </message>
    <message>
        <source>Accent colour</source>
        <translation>Accentfärg</translation>
    </message>
    <message>
        <source>Sans-serif</source>
        <translation>Sans-serif</translation>
    </message>
    <message>
        <source>Serif</source>
        <translation>Serif</translation>
    </message>
    <message>
        <source>Upload logo…</source>
        <translation>Ladda upp logotyp…</translation>
    </message>
    <message>
        <source>Remove logo</source>
        <translation>Ta bort logotyp</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Vänster</translation>
    </message>
    <message>
        <source>Right</source>
        <translation>Höger</translation>
    </message>
    <message>
        <source>Mon–Fri 8–17</source>
        <translation>Mån–fre 8–17</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Font</source>
        <translation>Typsnitt</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papper</translation>
    </message>
    <message>
        <source>Margins</source>
        <translation>Marginaler</translation>
    </message>
    <message>
        <source>Logo</source>
        <translation>Logotyp</translation>
    </message>
    <message>
        <source>Logo position</source>
        <translation>Logotypens placering</translation>
    </message>
    <message>
        <source>Opening hours</source>
        <translation>Öppettider</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>Överst</translation>
    </message>
    <message>
        <source>Bottom</source>
        <translation>Nederst</translation>
    </message>
    <message>
        <source>Choose the logo</source>
        <translation>Välj logotyp</translation>
    </message>
    <message>
        <source>Logo ({size} kB)</source>
        <translation>Logotyp ({size} kB)</translation>
    </message>
    <message>
        <source>No logo</source>
        <translation>Ingen logotyp</translation>
    </message>
</context>
<context>
    <name>ColourField</name>
    <message>
        <source>Choose a colour…</source>
        <translation>Välj en färg…</translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <source>Legal name *</source>
        <translation>Firmanamn *</translation>
    </message>
    <message>
        <source>Organisation number</source>
        <translation>Organisationsnummer</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>Momsreg.nr</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Kontaktperson</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Webbplats</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Gatuadress</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Postnummer</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Approved for F-tax (F-skatt)</source>
        <translation>Godkänd för F-skatt</translation>
    </message>
    <message>
        <source>OCR references with a length digit</source>
        <translation>OCR-nummer med längdsiffra</translation>
    </message>
    <message>
        <source>Needed when your bank checks OCR length (control level 3); accepted by all.</source>
        <translation>Krävs när banken kontrollerar OCR-numrets längd (kontrollnivå 3); godtas av alla banker.</translation>
    </message>
    <message>
        <source>Move due dates off weekends and holidays</source>
        <translation>Flytta förfallodatum från helger och helgdagar</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Företag</translation>
    </message>
    <message>
        <source>Address and payment</source>
        <translation>Adress och betalning</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
</context>
<context>
    <name>CreditDialog</name>
    <message>
        <source>Credit invoice {number}</source>
        <translation>Kreditera faktura {number}</translation>
    </message>
    <message>
        <source>Everything that is left ({amount})</source>
        <translation>Allt som återstår ({amount})</translation>
    </message>
    <message>
        <source>Only what I enter below</source>
        <translation>Bara det jag anger nedan</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>Fakturerat</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>À-pris</translation>
    </message>
    <message>
        <source>Quantity to credit</source>
        <translation>Antal att kreditera</translation>
    </message>
    <message>
        <source>e.g. Returned goods, wrong price</source>
        <translation>t.ex. Returnerade varor, fel pris</translation>
    </message>
    <message>
        <source>Issue credit note</source>
        <translation>Utfärda kreditfaktura</translation>
    </message>
    <message>
        <source>What should the credit note take off?</source>
        <translation>Vad ska kreditfakturan omfatta?</translation>
    </message>
    <message>
        <source>Reason, printed on the credit note</source>
        <translation>Orsak, skrivs ut på kreditfakturan</translation>
    </message>
    <message>
        <source>Line {n}: {why}</source>
        <translation>Rad {n}: {why}</translation>
    </message>
    <message>
        <source>Line {n}: enter between 0 and {most}</source>
        <translation>Rad {n}: ange mellan 0 och {most}</translation>
    </message>
    <message>
        <source>Enter a quantity to credit on at least one line.</source>
        <translation>Ange ett antal att kreditera på minst en rad.</translation>
    </message>
    <message>
        <source>Reason: {why}</source>
        <translation>Orsak: {why}</translation>
    </message>
    <message>
        <source>Use credit</source>
        <translation>Använd tillgodohavande</translation>
    </message>
    <message>
        <source>Refund credit</source>
        <translation>Återbetala tillgodohavande</translation>
    </message>
    <message>
        <source>{number} · {left} left</source>
        <translation>{number} · {left} kvar</translation>
    </message>
    <message>
        <source>as much as fits</source>
        <translation>så mycket som ryms</translation>
    </message>
    <message>
        <source>e.g. {amount}</source>
        <translation>t.ex. {amount}</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Tillgodohavande</translation>
    </message>
    <message>
        <source>No open invoice in {currency}</source>
        <translation>Ingen öppen faktura i {currency}</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>Settle invoice</source>
        <translation>Reglera faktura</translation>
    </message>
    <message>
        <source>Record refund</source>
        <translation>Registrera återbetalning</translation>
    </message>
    <message>
        <source>enter the amount paid back</source>
        <translation>ange återbetalt belopp</translation>
    </message>
    <message>
        <source>the customer has no open invoice</source>
        <translation>kunden har ingen öppen faktura</translation>
    </message>
</context>
<context>
    <name>CreditPanel</name>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Tillgodohavande</translation>
    </message>
    <message>
        <source>Use on invoice…</source>
        <translation>Använd på faktura…</translation>
    </message>
    <message>
        <source>Refund…</source>
        <translation>Återbetala…</translation>
    </message>
    <message>
        <source>No customer has credit. A payment above what an invoice asks, or one kept as credit with Place…, shows here.</source>
        <translation>Ingen kund har tillgodohavande. En betalning som överstiger vad en faktura kräver, eller en som sparats som tillgodohavande med Placera…, visas här.</translation>
    </message>
    <message>
        <source>Customer credit</source>
        <translation>Tillgodohavanden</translation>
    </message>
</context>
<context>
    <name>CustomerEditor</name>
    <message>
        <source>New customer</source>
        <translation>Ny kund</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>several addresses separated by commas</source>
        <translation>flera adresser åtskilda med kommatecken</translation>
    </message>
    <message>
        <source>30, net 30 or eom+30</source>
        <translation>30, netto 30 eller eom+30</translation>
    </message>
    <message>
        <source>A reminder fee was agreed</source>
        <translation>Påminnelseavgift har avtalats</translation>
    </message>
    <message>
        <source>Pause reminders</source>
        <translation>Pausa påminnelser</translation>
    </message>
    <message>
        <source>separated by commas</source>
        <translation>åtskilda med kommatecken</translation>
    </message>
    <message>
        <source>PDF only</source>
        <translation>Endast PDF</translation>
    </message>
    <message>
        <source>PDF + Peppol UBL</source>
        <translation>PDF + Peppol UBL</translation>
    </message>
    <message>
        <source>Factur-X (PDF with XML inside)</source>
        <translation>Factur-X (PDF med inbäddad XML)</translation>
    </message>
    <message>
        <source>0007:5560360793 (empty: the org. number)</source>
        <translation>0007:5560360793 (tomt: organisationsnumret)</translation>
    </message>
    <message>
        <source>required by public buyers</source>
        <translation>krävs av offentliga köpare</translation>
    </message>
    <message>
        <source>Customer number *</source>
        <translation>Kundnummer *</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Name *</source>
        <translation>Namn *</translation>
    </message>
    <message>
        <source>Org. number</source>
        <translation>Org.nr</translation>
    </message>
    <message>
        <source>VAT number</source>
        <translation>Momsreg.nr</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Gatuadress</translation>
    </message>
    <message>
        <source>Postal code, city, country</source>
        <translation>Postnummer, ort, land</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Betalningsvillkor</translation>
    </message>
    <message>
        <source>Reminder policy</source>
        <translation>Påminnelseregel</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Taggar</translation>
    </message>
    <message>
        <source>Invoice e-mail carries</source>
        <translation>Fakturans e-post innehåller</translation>
    </message>
    <message>
        <source>Peppol endpoint ID</source>
        <translation>Peppol-ID</translation>
    </message>
    <message>
        <source>Buyer reference</source>
        <translation>Köparens referens</translation>
    </message>
    <message>
        <source>{conflict}

Reload the customer now? What you typed here is replaced by what is stored.</source>
        <translation>{conflict}

Vill du läsa in kunden på nytt nu? Det du har skrivit här ersätts av det som är sparat.</translation>
    </message>
    <message>
        <source>Saved by someone else</source>
        <translation>Sparat av någon annan</translation>
    </message>
    <message>
        <source>The ledger's policy</source>
        <translation>Reskontrans standardregel</translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>Org. number</source>
        <translation>Org.nr</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ort</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Payment terms</source>
        <translation>Betalningsvillkor</translation>
    </message>
</context>
<context>
    <name>CustomersPage</name>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>New customer…</source>
        <translation>Ny kund…</translation>
    </message>
    <message>
        <source>Search name, number or org. number</source>
        <translation>Sök namn, nummer eller org.nr</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Dashboard</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>Exchange rates…</source>
        <translation>Växelkurser…</translation>
    </message>
    <message>
        <source>Nothing to show yet. Issue your first invoice under Invoices (or open the demo company from the File menu): this page then shows what customers owe, what is overdue, when the money should arrive and who pays late.</source>
        <translation>Inget att visa ännu. Utfärda din första faktura under Fakturor (eller öppna demoföretaget från Arkiv-menyn): då visar den här sidan vad kunderna är skyldiga, vad som är förfallet, när pengarna bör komma in och vem som betalar sent.</translation>
    </message>
    <message>
        <source>Computing the figures…</source>
        <translation>Beräknar siffrorna…</translation>
    </message>
    <message>
        <source>Outstanding</source>
        <translation>Utestående</translation>
    </message>
    <message>
        <source>Still owed on every issued invoice.</source>
        <translation>Kvar att betala på alla utfärdade fakturor.</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Förfallet</translation>
    </message>
    <message>
        <source>Still owed on invoices past their due date.</source>
        <translation>Kvar att betala på fakturor som passerat förfallodatum.</translation>
    </message>
    <message>
        <source>Due in the next 7 days</source>
        <translation>Förfaller inom 7 dagar</translation>
    </message>
    <message>
        <source>Falling due today or in the six days after.</source>
        <translation>Förfaller i dag eller under de sex följande dagarna.</translation>
    </message>
    <message>
        <source>DSO, last 90 days</source>
        <translation>DSO, senaste 90 dagarna</translation>
    </message>
    <message>
        <source>Days sales outstanding: what is owed now over what was invoiced in the last 90 days, times 90.</source>
        <translation>DSO (kundkredittid): det som är utestående nu delat med det som fakturerats de senaste 90 dagarna, gånger 90.</translation>
    </message>
    <message>
        <source>Delivery to invoice</source>
        <translation>Från leverans till faktura</translation>
    </message>
    <message>
        <source>Average days from delivery date to invoice date, invoices of the last 90 days. Lower is better: send it at once.</source>
        <translation>Genomsnittligt antal dagar från leveransdatum till fakturadatum, för fakturor från de senaste 90 dagarna. Lägre är bättre: skicka fakturan direkt.</translation>
    </message>
    <message>
        <source>Top 10 late payers</source>
        <translation>Topp 10 sena betalare</translation>
    </message>
    <message>
        <source>Reminder effect, last 90 days</source>
        <translation>Påminnelsernas effekt, senaste 90 dagarna</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Uppdaterar…</translation>
    </message>
    <message>
        <source>The figures could not be computed: {error}</source>
        <translation>Siffrorna kunde inte beräknas: {error}</translation>
    </message>
    <message>
        <source>As of {day}</source>
        <translation>Per {day}</translation>
    </message>
    <message>
        <source>{label}: {invoices}, {amount}</source>
        <translation>{label}: {invoices}, {amount}</translation>
    </message>
    <message>
        <source>Expected in week {week} ({start} – {end}): {invoices}, {amount}</source>
        <translation>Förväntat vecka {week} ({start} – {end}): {invoices}, {amount}</translation>
    </message>
    <message>
        <source>Invoiced in 90 days: {amount}</source>
        <translation>Fakturerat på 90 dagar: {amount}</translation>
    </message>
    <message>
        <source>over {count} invoices with a delivery date</source>
        <translation>baserat på {count} fakturor med leveransdatum</translation>
    </message>
    <message>
        <source>No invoice of the last 90 days states a delivery date.</source>
        <translation>Ingen faktura från de senaste 90 dagarna anger leveransdatum.</translation>
    </message>
</context>
<context>
    <name>DatabaseSettingsForm</name>
    <message>
        <source>Ledger database</source>
        <translation>Reskontrans databas</translation>
    </message>
    <message>
        <source>Open this ledger</source>
        <translation>Öppna den här reskontran</translation>
    </message>
    <message>
        <source>A shared ledger on a PostgreSQL server: postgresql+psycopg://user:password@host/database. The password goes into the system keyring, never into the settings. A file path opens a SQLite ledger.</source>
        <translation>En delad reskontra på en PostgreSQL-server: postgresql+psycopg://användare:lösenord@värd/databas. Lösenordet sparas i systemets nyckelring, aldrig i inställningarna. En sökväg till en fil öppnar en SQLite-reskontra.</translation>
    </message>
    <message>
        <source>Open now</source>
        <translation>Öppna nu</translation>
    </message>
    <message>
        <source>Database URL</source>
        <translation>Databas-URL</translation>
    </message>
    <message>
        <source>Not opened: {problem}.</source>
        <translation>Öppnades inte: {problem}.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>FINQR Desktop</source>
        <translation>FINQR Desktop</translation>
    </message>
    <message>
        <source>Show details</source>
        <translation>Visa detaljer</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Kopiera detaljer</translation>
    </message>
    <message>
        <source>Hide details</source>
        <translation>Dölj detaljer</translation>
    </message>
    <message>
        <source>Copied: paste it into your message to support.</source>
        <translation>Kopierat: klistra in det i ditt meddelande till supporten.</translation>
    </message>
</context>
<context>
    <name>ExchangeRatesDialog</name>
    <message>
        <source>Exchange rates</source>
        <translation>Växelkurser</translation>
    </message>
    <message>
        <source>Amounts in other currencies are shown in {home} at the rate in force on the figures' day: the newest of these rows and of the rates payments in another currency were booked at, from that day or earlier. A row from a later day is used from that day on.</source>
        <translation>Belopp i andra valutor visas i {home} till kursen som gällde på siffrornas dag: den nyaste av dessa rader och av de kurser som betalningar i annan valuta bokfördes till, från den dagen eller tidigare. En rad från en senare dag används från och med den dagen.</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>{home} per unit</source>
        <translation>{home} per enhet</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Lägg till</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Ta bort markerade</translation>
    </message>
    <message>
        <source>Rate: {reason}</source>
        <translation>Kurs: {reason}</translation>
    </message>
</context>
<context>
    <name>FailedList</name>
    <message>
        <source>Not sent: needs your attention</source>
        <translation>Inte skickat: behöver åtgärdas</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>Försök</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fel</translation>
    </message>
    <message>
        <source>Retry selected</source>
        <translation>Försök igen med markerade</translation>
    </message>
    <message>
        <source>Invoice e-mail</source>
        <translation>Fakturautskick</translation>
    </message>
    <message>
        <source>Reminder {level}</source>
        <translation>Påminnelse {level}</translation>
    </message>
</context>
<context>
    <name>FaqEditor</name>
    <message>
        <source>Questions and answers</source>
        <translation>Frågor och svar</translation>
    </message>
    <message>
        <source>Questions</source>
        <translation>Frågor</translation>
    </message>
    <message>
        <source>A blank line starts a new paragraph.</source>
        <translation>En tom rad inleder ett nytt stycke.</translation>
    </message>
    <message>
        <source>No questions in this language yet. Write a question and its answer below and press Add as new; the customers' pages list them in this order.</source>
        <translation>Inga frågor på det här språket ännu. Skriv en fråga och dess svar nedan och tryck på Lägg till som ny; kundernas sidor listar dem i den här ordningen.</translation>
    </message>
    <message>
        <source>Add as new</source>
        <translation>Lägg till som ny</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Spara ändringar</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Flytta upp</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Flytta ned</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Fråga</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Svar</translation>
    </message>
    <message>
        <source>Added.</source>
        <translation>Tillagd.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Sparad.</translation>
    </message>
    <message>
        <source>Removed.</source>
        <translation>Borttagen.</translation>
    </message>
    <message>
        <source>Moved.</source>
        <translation>Flyttad.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Welcome to FINQR Desktop</source>
        <translation>Välkommen till FINQR Desktop</translation>
    </message>
    <message>
        <source>Create your company</source>
        <translation>Skapa ditt företag</translation>
    </message>
    <message>
        <source>Your invoices carry these details. Only the legal name is required now; you can change everything later under Settings. Or open the demo company to try the app on 20 customers and 200 invoices first.</source>
        <translation>Dina fakturor visar de här uppgifterna. Bara det registrerade företagsnamnet krävs nu; du kan ändra allt senare under Inställningar. Eller öppna demoföretaget och prova programmet med 20 kunder och 200 fakturor först.</translation>
    </message>
    <message>
        <source>Open the demo company</source>
        <translation>Öppna demoföretaget</translation>
    </message>
    <message>
        <source>Create company</source>
        <translation>Skapa företag</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import bank file — {name}</source>
        <translation>Importera bankfil — {name}</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Läser {name}…</translation>
    </message>
    <message>
        <source>Import this test file anyway</source>
        <translation>Importera den här testfilen ändå</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importera</translation>
    </message>
    <message>
        <source>Reading the file was cancelled. Nothing was imported.</source>
        <translation>Inläsningen av filen avbröts. Inget importerades.</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>Ingenting importerades.</translation>
    </message>
    <message>
        <source>This file was imported before; nothing to import.</source>
        <translation>Filen har redan importerats; det finns inget att importera.</translation>
    </message>
    <message>
        <source>Preview of {name}: nothing is written until you press Import.</source>
        <translation>Förhandsvisning av {name}: inget sparas förrän du trycker på Importera.</translation>
    </message>
    <message>
        <source>{total} payments: {matched} matched, {suggested} with suggestions, {unmatched} unmatched, {flagged} flagged, {duplicate} already imported.</source>
        <translation>{total} inbetalningar: {matched} matchade, {suggested} med förslag, {unmatched} ej matchade, {flagged} flaggade, {duplicate} redan importerade.</translation>
    </message>
    <message>
        <source>{format} file</source>
        <translation>{format}-fil</translation>
    </message>
    <message>
        <source>Sums: {sums}.</source>
        <translation>Summor: {sums}.</translation>
    </message>
    <message>
        <source>Importing {name}: booking the payments…</source>
        <translation>Importerar {name}: bokför betalningarna…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was booked, the ledger is as it was. Press Import to import the file after all.</source>
        <translation>Importen avbröts: inget bokfördes, reskontran är som förut. Tryck på Importera för att importera filen ändå.</translation>
    </message>
    <message>
        <source>Cancelling… nothing will be imported.</source>
        <translation>Avbryter… inget kommer att importeras.</translation>
    </message>
    <message>
        <source>Imported: {matched} payments booked on their invoices, {waiting} wait in the unmatched list.</source>
        <translation>Importerat: {matched} inbetalningar bokförda mot sina fakturor, {waiting} väntar i listan över ej matchade.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Line {line}: </source>
        <translation>Rad {line}: </translation>
    </message>
    <message>
        <source>Unexpected error: {error}</source>
        <translation>Oväntat fel: {error}</translation>
    </message>
</context>
<context>
    <name>ImportLinesModel</name>
    <message>
        <source>Line</source>
        <translation>Rad</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Betalare</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referens</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Fakturor</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Matchad</translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation>Föreslagen</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>Ej matchad</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Flaggad</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Dubblett</translation>
    </message>
    <message>
        <source>suggested: {numbers}</source>
        <translation>förslag: {numbers}</translation>
    </message>
</context>
<context>
    <name>InvoiceEditor</name>
    <message>
        <source>New invoice</source>
        <translation>Ny faktura</translation>
    </message>
    <message>
        <source>Draft invoice</source>
        <translation>Fakturautkast</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Lägg till rad</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Ta bort rad</translation>
    </message>
    <message>
        <source>Notes printed on the invoice</source>
        <translation>Anteckningar som skrivs ut på fakturan</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Spara utkast</translation>
    </message>
    <message>
        <source>Issue…</source>
        <translation>Utfärda…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <source>Fix the marked fields to see the totals.</source>
        <translation>Rätta de markerade fälten för att se summorna.</translation>
    </message>
    <message>
        <source>Line {line}, {field}: {message}</source>
        <translation>Rad {line}, {field}: {message}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
    <message>
        <source>Saved as a draft.</source>
        <translation>Sparat som utkast.</translation>
    </message>
    <message>
        <source>description</source>
        <translation>beskrivning</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>antal</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>enhet</translation>
    </message>
    <message>
        <source>unit price</source>
        <translation>à-pris</translation>
    </message>
    <message>
        <source>discount</source>
        <translation>rabatt</translation>
    </message>
    <message>
        <source>VAT rate</source>
        <translation>momssats</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Flytta upp</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Flytta ned</translation>
    </message>
    <message>
        <source>Close the invoice</source>
        <translation>Stäng fakturan</translation>
    </message>
    <message>
        <source>This invoice has changes that are not saved. Save them as a draft?</source>
        <translation>Fakturan har ändringar som inte är sparade. Spara dem som utkast?</translation>
    </message>
    <message>
        <source>Changed since the last save.</source>
        <translation>Ändrad sedan senaste sparningen.</translation>
    </message>
    <message>
        <source>Issue this invoice for {total}? It gets its number and OCR reference, and from then on only a credit note can change it.</source>
        <translation>Vill du utfärda den här fakturan på {total}? Den får sitt nummer och OCR-nummer, och därefter kan den bara ändras med en kreditfaktura.</translation>
    </message>
    <message>
        <source>Issue invoice</source>
        <translation>Utfärda faktura</translation>
    </message>
    <message>
        <source>Not issued</source>
        <translation>Inte utfärdad</translation>
    </message>
    <message>
        <source>Invoice issued</source>
        <translation>Faktura utfärdad</translation>
    </message>
    <message>
        <source>Invoice {number} is issued.
OCR reference: {ocr}
Due date: {due}</source>
        <translation>Faktura {number} är utfärdad.
OCR-nummer: {ocr}
Förfallodatum: {due}</translation>
    </message>
    <message>
        <source>{conflict}

Reload the draft now? What you typed here is replaced by what is stored.</source>
        <translation>{conflict}

Vill du läsa in utkastet på nytt nu? Det du har skrivit här ersätts av det som är sparat.</translation>
    </message>
    <message>
        <source>Saved by someone else</source>
        <translation>Sparat av någon annan</translation>
    </message>
    <message>
        <source>Not saved: someone else saved this draft first.</source>
        <translation>Inte sparat: någon annan sparade utkastet före dig.</translation>
    </message>
    <message>
        <source>The draft is gone or issued.</source>
        <translation>Utkastet finns inte längre eller har utfärdats.</translation>
    </message>
    <message>
        <source>Reloaded: this is the draft as it is stored now.</source>
        <translation>Inläst på nytt: detta är utkastet så som det är sparat nu.</translation>
    </message>
</context>
<context>
    <name>InvoiceHeader</name>
    <message>
        <source>Choose a customer…</source>
        <translation>Välj en kund…</translation>
    </message>
    <message>
        <source>Type part of the customer's number or name</source>
        <translation>Skriv en del av kundens nummer eller namn</translation>
    </message>
    <message>
        <source>From terms</source>
        <translation>Enligt betalningsvillkor</translation>
    </message>
    <message>
        <source>Prices include VAT</source>
        <translation>Priser inklusive moms</translation>
    </message>
    <message>
        <source>Round the total to whole kronor</source>
        <translation>Öresavrunda summan till hela kronor</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>Fakturadatum</translation>
    </message>
    <message>
        <source>Delivery date</source>
        <translation>Leveransdatum</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Förfallodatum</translation>
    </message>
    <message>
        <source>Our reference</source>
        <translation>Vår referens</translation>
    </message>
    <message>
        <source>Your reference</source>
        <translation>Er referens</translation>
    </message>
    <message>
        <source>Invoice discount</source>
        <translation>Fakturarabatt</translation>
    </message>
    <message>
        <source>Round the total to whole {currency}</source>
        <translation>Avrunda summan till hela {currency}</translation>
    </message>
    <message>
        <source>end of month + {days} days</source>
        <translation>månadens slut + {days} dagar</translation>
    </message>
    <message>
        <source>{days} days net</source>
        <translation>{days} dagar netto</translation>
    </message>
</context>
<context>
    <name>InvoiceListModel</name>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Utfärdad</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Förfaller</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Kvar att betala</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(borttagen)</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Utkast</translation>
    </message>
</context>
<context>
    <name>InvoiceView</name>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>À-pris</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>Rabatt %</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>Moms</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Credit…</source>
        <translation>Kreditera…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Spara PDF…</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>Öppna PDF</translation>
    </message>
    <message>
        <source>Export e-invoice…</source>
        <translation>Exportera e-faktura…</translation>
    </message>
    <message>
        <source>E-mail again</source>
        <translation>Skicka e-post igen</translation>
    </message>
    <message>
        <source>Register payment…</source>
        <translation>Registrera betalning…</translation>
    </message>
    <message>
        <source>Mark as paid</source>
        <translation>Markera som betald</translation>
    </message>
    <message>
        <source>Write off rest</source>
        <translation>Skriv av resten</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>Credit note {number}</source>
        <translation>Kreditfaktura {number}</translation>
    </message>
    <message>
        <source>Invoice {number}</source>
        <translation>Faktura {number}</translation>
    </message>
    <message>
        <source>Clear dispute</source>
        <translation>Häv bestridande</translation>
    </message>
    <message>
        <source>Mark disputed…</source>
        <translation>Markera som bestriden…</translation>
    </message>
    <message>
        <source>A rest up to {limit} may be written off</source>
        <translation>Ett restbelopp på högst {limit} får skrivas av</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Issue date</source>
        <translation>Fakturadatum</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Förfallodatum</translation>
    </message>
    <message>
        <source>OCR reference</source>
        <translation>OCR-nummer</translation>
    </message>
    <message>
        <source>Credits invoice</source>
        <translation>Krediterar faktura</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>Krediterat</translation>
    </message>
    <message>
        <source>Paid</source>
        <translation>Betalt</translation>
    </message>
    <message>
        <source>To customer credit</source>
        <translation>Till tillgodohavande</translation>
    </message>
    <message>
        <source>Remaining</source>
        <translation>Kvar att betala</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Påminnelser</translation>
    </message>
    <message>
        <source>Disputed: no reminders are sent</source>
        <translation>Bestriden: inga påminnelser skickas</translation>
    </message>
    <message>
        <source>References</source>
        <translation>Referenser</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Anteckningar</translation>
    </message>
    <message>
        <source>No PDF</source>
        <translation>Ingen PDF</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>Spara PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-filer (*.pdf)</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
    <message>
        <source>No PDF viewer</source>
        <translation>Ingen PDF-läsare</translation>
    </message>
    <message>
        <source>Saved as {path}</source>
        <translation>Sparad som {path}</translation>
    </message>
    <message>
        <source>Not e-mailed</source>
        <translation>Inte skickad via e-post</translation>
    </message>
    <message>
        <source>{number} goes out with the next sending run.</source>
        <translation>{number} skickas med nästa utskick.</translation>
    </message>
    <message>
        <source>{number} is already waiting to be e-mailed.</source>
        <translation>{number} väntar redan på att skickas via e-post.</translation>
    </message>
    <message>
        <source>Mark invoice {number} as disputed? No reminders are sent for it until the dispute is cleared.</source>
        <translation>Vill du markera faktura {number} som bestriden? Inga påminnelser skickas för den förrän bestridandet har hävts.</translation>
    </message>
    <message>
        <source>Mark disputed</source>
        <translation>Markera som bestriden</translation>
    </message>
    <message>
        <source>Record a payment of {left} today, paying invoice {number} in full?</source>
        <translation>Vill du registrera en inbetalning på {left} i dag, så att faktura {number} blir helt betald?</translation>
    </message>
    <message>
        <source>Not marked as paid</source>
        <translation>Inte markerad som betald</translation>
    </message>
    <message>
        <source>Write off the {left} left on invoice {number}? It is not reminded.</source>
        <translation>Vill du skriva av de {left} som återstår på faktura {number}? Ingen påminnelse skickas för beloppet.</translation>
    </message>
    <message>
        <source>small rest written off</source>
        <translation>mindre restbelopp avskrivet</translation>
    </message>
    <message>
        <source>Not written off</source>
        <translation>Inte avskrivet</translation>
    </message>
    <message>
        <source>Credit of invoice {number}</source>
        <translation>Kreditering av faktura {number}</translation>
    </message>
    <message>
        <source>Not credited</source>
        <translation>Inte krediterad</translation>
    </message>
    <message>
        <source>Credit note {number} is issued.</source>
        <translation>Kreditfaktura {number} är utfärdad.</translation>
    </message>
    <message>
        <source>Credit note {number} is issued. {amount} already paid is now {customer}'s credit, to use on another invoice or pay back (Payments → Customer credit).</source>
        <translation>Kreditfaktura {number} är utfärdad. {amount} som redan betalats är nu tillgodohavande för {customer}, att använda på en annan faktura eller betala tillbaka (Betalningar → Tillgodohavanden).</translation>
    </message>
</context>
<context>
    <name>InvoicesPage</name>
    <message>
        <source>Invoices</source>
        <translation>Fakturor</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>Alla statusar</translation>
    </message>
    <message>
        <source>Search number, customer or OCR</source>
        <translation>Sök nummer, kund eller OCR</translation>
    </message>
    <message>
        <source>New invoice…</source>
        <translation>Ny faktura…</translation>
    </message>
    <message>
        <source>Issue selected…</source>
        <translation>Utfärda markerade…</translation>
    </message>
    <message>
        <source>Issue the selected drafts, one after another</source>
        <translation>Utfärda de markerade utkasten, ett i taget</translation>
    </message>
    <message>
        <source>{count} invoices</source>
        <translation>{count} fakturor</translation>
    </message>
    <message>
        <source>1 invoice</source>
        <translation>1 faktura</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default</source>
        <translation>Systemets standard</translation>
    </message>
    <message>
        <source>Swedish ({example})</source>
        <translation>Svenska ({example})</translation>
    </message>
    <message>
        <source>British English ({example})</source>
        <translation>Brittisk engelska ({example})</translation>
    </message>
    <message>
        <source>As the language</source>
        <translation>Som språket</translation>
    </message>
</context>
<context>
    <name>LanguageForm</name>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Formats decide how the window shows and reads numbers, amounts and dates. Invoices and reminders keep speaking each customer's language.</source>
        <translation>Format styr hur fönstret visar och läser tal, belopp och datum. Fakturor och påminnelser talar fortfarande varje kunds språk.</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Verkställ</translation>
    </message>
    <message>
        <source>Rebuild the window in the chosen language; unsaved work is kept or asked for</source>
        <translation>Bygg om fönstret på det valda språket; osparat arbete behålls eller så frågar programmet</translation>
    </message>
    <message>
        <source>Language of the window</source>
        <translation>Fönstrets språk</translation>
    </message>
    <message>
        <source>Formats</source>
        <translation>Format</translation>
    </message>
    <message>
        <source>Not changed: save your work first, then apply again.</source>
        <translation>Inte ändrat: spara ditt arbete först och verkställ sedan igen.</translation>
    </message>
</context>
<context>
    <name>LaterPage</name>
    <message>
        <source>This section arrives in a later release.</source>
        <translation>Det här avsnittet kommer i en senare version.</translation>
    </message>
</context>
<context>
    <name>Launcher</name>
    <message>
        <source>There is no ledger at
{path}

Create a new ledger there?</source>
        <translation>Det finns ingen reskontra i
{path}

Vill du skapa en ny reskontra där?</translation>
    </message>
    <message>
        <source>The ledger {ledger} could not be opened: {error}</source>
        <translation>Reskontran {ledger} kunde inte öppnas: {error}</translation>
    </message>
    <message>
        <source>The ledger you had open stays open. Check the address and the password, and that the database server is running, then try again.</source>
        <translation>Reskontran du hade öppen förblir öppen. Kontrollera adressen och lösenordet och att databasservern är igång, och försök sedan igen.</translation>
    </message>
    <message>
        <source>The ledger could not be opened: {error}</source>
        <translation>Reskontran kunde inte öppnas: {error}</translation>
    </message>
    <message>
        <source>FINQR Desktop will close. Check that the ledger file or database server is reachable, or start with --database to open another ledger.</source>
        <translation>FINQR Desktop stängs. Kontrollera att reskontrafilen eller databasservern går att nå, eller starta med --database för att öppna en annan reskontra.</translation>
    </message>
</context>
<context>
    <name>LedgerSettingsForm</name>
    <message>
        <source>For every policy of the ledger</source>
        <translation>För alla påminnelseregler i reskontran</translation>
    </message>
    <message>
        <source>Reminders go on bank days: no weekends, no public holidays of this country</source>
        <translation>Påminnelser skickas på bankdagar: inte lördagar, söndagar eller allmänna helgdagar i detta land</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>Reference rate %</source>
        <translation>Referensränta %</translation>
    </message>
    <message>
        <source>Add rate</source>
        <translation>Lägg till ränta</translation>
    </message>
    <message>
        <source>Remove rate</source>
        <translation>Ta bort ränta</translation>
    </message>
    <message>
        <source>Send from</source>
        <translation>Skicka från</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Tidszon</translation>
    </message>
    <message>
        <source>Holidays of</source>
        <translation>Helgdagar enligt</translation>
    </message>
    <message>
        <source>Rate %s: </source>
        <translation>Ränta %s: </translation>
    </message>
</context>
<context>
    <name>LevelsEditor</name>
    <message>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <source>Days after due</source>
        <translation>Dagar efter förfallodatum</translation>
    </message>
    <message>
        <source>Min. gap (days)</source>
        <translation>Min. mellanrum (dagar)</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>Avgift</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Ränta</translation>
    </message>
    <message>
        <source>Add level</source>
        <translation>Lägg till nivå</translation>
    </message>
    <message>
        <source>Remove level</source>
        <translation>Ta bort nivå</translation>
    </message>
    <message>
        <source>Placeholders: %s</source>
        <translation>Platshållare: %s</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Ämne</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Level %s, %s: %s</source>
        <translation>Nivå %s, %s: %s</translation>
    </message>
    <message>
        <source>must be one line</source>
        <translation>måste vara en enda rad</translation>
    </message>
</context>
<context>
    <name>LinesTable</name>
    <message>
        <source>Description</source>
        <translation>Beskrivning</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Antal</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Enhet</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>À-pris</translation>
    </message>
    <message>
        <source>Discount %</source>
        <translation>Rabatt %</translation>
    </message>
    <message>
        <source>VAT</source>
        <translation>Moms</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>What was delivered</source>
        <translation>Vad som levererades</translation>
    </message>
</context>
<context>
    <name>MailPreviewDialog</name>
    <message>
        <source>E-mail for invoice {number}</source>
        <translation>E-post för faktura {number}</translation>
    </message>
    <message>
        <source>Building the e-mail…</source>
        <translation>Skapar e-postmeddelandet…</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Ämne</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Reply-To</source>
        <translation>Svara till</translation>
    </message>
    <message>
        <source>Goes at</source>
        <translation>Skickas</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>Bilaga</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Oformaterad text</translation>
    </message>
    <message>
        <source>PDF</source>
        <translation>PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Stäng</translation>
    </message>
    <message>
        <source>No e-mail can be built: {reason}</source>
        <translation>E-postmeddelandet kan inte skapas: {reason}</translation>
    </message>
    <message>
        <source>Exactly what will be sent, but for its Date and Message-ID.</source>
        <translation>Exakt det som skickas, förutom rubrikerna Date och Message-ID.</translation>
    </message>
</context>
<context>
    <name>MailSettingsForm</name>
    <message>
        <source>E-mail (SMTP server)</source>
        <translation>E-post (SMTP-server)</translation>
    </message>
    <message>
        <source>STARTTLS (usually port 587)</source>
        <translation>STARTTLS (oftast port 587)</translation>
    </message>
    <message>
        <source>TLS from the start (usually port 465)</source>
        <translation>TLS från början (oftast port 465)</translation>
    </message>
    <message>
        <source>None: only for a relay on your own network</source>
        <translation>Ingen: endast för en reläserver i ditt eget nätverk</translation>
    </message>
    <message>
        <source>empty if the server needs no login</source>
        <translation>tomt om servern inte kräver inloggning</translation>
    </message>
    <message>
        <source>optional: where replies go</source>
        <translation>valfritt: dit svar skickas</translation>
    </message>
    <message>
        <source>Save e-mail settings</source>
        <translation>Spara e-postinställningar</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Säkerhet</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Användarnamn</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Lösenord</translation>
    </message>
    <message>
        <source>Sender address</source>
        <translation>Avsändaradress</translation>
    </message>
    <message>
        <source>Sender name</source>
        <translation>Avsändarnamn</translation>
    </message>
    <message>
        <source>Reply-To</source>
        <translation>Svara till</translation>
    </message>
    <message>
        <source>Timeout (seconds)</source>
        <translation>Tidsgräns (sekunder)</translation>
    </message>
    <message>
        <source>Not saved: see the marked fields.</source>
        <translation>Inte sparat: se de markerade fälten.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Sparat.</translation>
    </message>
    <message>
        <source>Saved; the password is in the system keyring.</source>
        <translation>Sparat; lösenordet finns i systemets nyckelring.</translation>
    </message>
    <message>
        <source>Saved; the password is kept only until the app closes.</source>
        <translation>Sparat; lösenordet behålls bara tills programmet stängs.</translation>
    </message>
    <message>
        <source>Saved; you will be asked for the password when mail is sent.</source>
        <translation>Sparat; du får ange lösenordet när e-post skickas.</translation>
    </message>
    <message>
        <source>No system keyring is available on this computer, so the password cannot be saved. It is kept only until the app closes, and you are asked for it again next time.</source>
        <translation>Det finns ingen nyckelring i systemet på den här datorn, så lösenordet kan inte sparas. Det behålls bara tills programmet stängs, och du får ange det igen nästa gång.</translation>
    </message>
    <message>
        <source>A password is saved in the system keyring; type one to replace it.</source>
        <translation>Ett lösenord finns sparat i systemets nyckelring; skriv ett nytt för att ersätta det.</translation>
    </message>
    <message>
        <source>Saved in the system keyring, never in a file.</source>
        <translation>Sparas i systemets nyckelring, aldrig i en fil.</translation>
    </message>
</context>
<context>
    <name>MailTestBox</name>
    <message>
        <source>Test</source>
        <translation>Test</translation>
    </message>
    <message>
        <source>where the test e-mail goes</source>
        <translation>dit testmeddelandet skickas</translation>
    </message>
    <message>
        <source>Send a test e-mail</source>
        <translation>Skicka ett testmeddelande</translation>
    </message>
    <message>
        <source>Send a test e-mail to</source>
        <translation>Skicka ett testmeddelande till</translation>
    </message>
    <message>
        <source>Not sent: first correct the marked fields.</source>
        <translation>Inte skickat: rätta först de markerade fälten.</translation>
    </message>
    <message>
        <source>Not sent: {error}</source>
        <translation>Inte skickat: {error}</translation>
    </message>
    <message>
        <source>Not sent: the server needs a password.</source>
        <translation>Inte skickat: servern kräver ett lösenord.</translation>
    </message>
    <message>
        <source>Sending a test e-mail to {address}…</source>
        <translation>Skickar ett testmeddelande till {address}…</translation>
    </message>
    <message>
        <source>Sent to {address}; the server accepted it as {message_id}.</source>
        <translation>Skickat till {address}; servern tog emot det som {message_id}.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Invoices</source>
        <translation>Fakturor</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Kunder</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>Påminnelser</translation>
    </message>
    <message>
        <source>Payments</source>
        <translation>Betalningar</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>Mallar</translation>
    </message>
    <message>
        <source>Portal</source>
        <translation>Kundportal</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Översikt</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arkiv</translation>
    </message>
    <message>
        <source>Open the &amp;demo company</source>
        <translation>Öppna &amp;demoföretaget</translation>
    </message>
    <message>
        <source>Open my &amp;own ledger</source>
        <translation>Öppna min &amp;egen reskontra</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Avsluta</translation>
    </message>
</context>
<context>
    <name>MessageHistoryPanel</name>
    <message>
        <source>Messages</source>
        <translation>Meddelanden</translation>
    </message>
    <message>
        <source>When</source>
        <translation>När</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultat</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Message-ID or error</source>
        <translation>Message-ID eller fel</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Skickat</translation>
    </message>
    <message>
        <source>Waiting to be retried at {time}</source>
        <translation>Väntar på nytt försök {time}</translation>
    </message>
    <message>
        <source>Not sent: a temporary failure</source>
        <translation>Inte skickat: ett tillfälligt fel</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Misslyckades</translation>
    </message>
    <message>
        <source>Choose an invoice to see its messages.</source>
        <translation>Välj en faktura för att se dess meddelanden.</translation>
    </message>
    <message>
        <source>Nothing has been e-mailed about this invoice yet.</source>
        <translation>Inget har skickats med e-post om den här fakturan än.</translation>
    </message>
    <message>
        <source>Payment notice</source>
        <translation>Betalningsavisering</translation>
    </message>
    <message>
        <source>Reminder {level}</source>
        <translation>Påminnelse {level}</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Kreditfaktura</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Manual message</source>
        <translation>Manuellt meddelande</translation>
    </message>
</context>
<context>
    <name>ModeSwitch</name>
    <message>
        <source>Manual</source>
        <translation>Manuellt</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatiskt</translation>
    </message>
    <message>
        <source>Sending mode:</source>
        <translation>Sändningsläge:</translation>
    </message>
    <message>
        <source>Reminders that fall due go out by themselves.</source>
        <translation>Påminnelser skickas av sig själva när det är dags.</translation>
    </message>
    <message>
        <source>Only the reminders you approve here are sent.</source>
        <translation>Endast påminnelser som du godkänner här skickas.</translation>
    </message>
</context>
<context>
    <name>NumberingForm</name>
    <message>
        <source>Invoice numbering</source>
        <translation>Fakturanumrering</translation>
    </message>
    <message>
        <source>Fields: {year}, {yy}, {seq}; {seq:04} pads the count to four digits.</source>
        <translation>Fält: {year}, {yy}, {seq}; {seq:04} fyller ut löpnumret till fyra siffror.</translation>
    </message>
    <message>
        <source>Start again at 1 every year</source>
        <translation>Börja om på 1 varje år</translation>
    </message>
    <message>
        <source>Save numbering</source>
        <translation>Spara numrering</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Mönster</translation>
    </message>
    <message>
        <source>Next number</source>
        <translation>Nästa nummer</translation>
    </message>
</context>
<context>
    <name>PaymentListModel</name>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Betalsätt</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Betalare</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referens</translation>
    </message>
    <message>
        <source>Invoices</source>
        <translation>Fakturor</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>BgMax file</source>
        <translation>BgMax-fil</translation>
    </message>
    <message>
        <source>camt file</source>
        <translation>camt-fil</translation>
    </message>
    <message>
        <source>From credit</source>
        <translation>Från tillgodohavande</translation>
    </message>
    <message>
        <source>To credit (credit note)</source>
        <translation>Till tillgodohavande (kreditfaktura)</translation>
    </message>
    <message>
        <source>Matched</source>
        <translation>Matchad</translation>
    </message>
    <message>
        <source>Unmatched</source>
        <translation>Ej matchad</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>Tillgodohavande</translation>
    </message>
    <message>
        <source>(removed)</source>
        <translation>(borttagen)</translation>
    </message>
    <message>
        <source>{status}: {amount} to place</source>
        <translation>{status}: {amount} att placera</translation>
    </message>
    <message>
        <source>{status}: {amount}</source>
        <translation>{status}: {amount}</translation>
    </message>
</context>
<context>
    <name>PaymentsPage</name>
    <message>
        <source>Payments</source>
        <translation>Betalningar</translation>
    </message>
    <message>
        <source>Unmatched only</source>
        <translation>Endast ej matchade</translation>
    </message>
    <message>
        <source>Search payer, reference, message or invoice</source>
        <translation>Sök betalare, referens, meddelande eller faktura</translation>
    </message>
    <message>
        <source>Register payment…</source>
        <translation>Registrera betalning…</translation>
    </message>
    <message>
        <source>Import bank file…</source>
        <translation>Importera bankfil…</translation>
    </message>
    <message>
        <source>Place…</source>
        <translation>Placera…</translation>
    </message>
    <message>
        <source>Match, split or turn into credit</source>
        <translation>Matcha, dela upp eller gör om till tillgodohavande</translation>
    </message>
    <message>
        <source>{count} payments, {waiting} waiting to be placed</source>
        <translation>{count} betalningar, {waiting} väntar på att placeras</translation>
    </message>
    <message>
        <source>Import bank file</source>
        <translation>Importera bankfil</translation>
    </message>
    <message>
        <source>Bank files (*.txt *.xml *.bgm *.dat);;All files (*)</source>
        <translation>Bankfiler (*.txt *.xml *.bgm *.dat);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Place payment</source>
        <translation>Placera betalning</translation>
    </message>
    <message>
        <source>Choose a payment in the list first.</source>
        <translation>Välj först en betalning i listan.</translation>
    </message>
    <message>
        <source>This payment is placed in full; nothing is left to place.</source>
        <translation>Betalningen är helt placerad; inget återstår att placera.</translation>
    </message>
</context>
<context>
    <name>PlacePaymentDialog</name>
    <message>
        <source>Place payment {id}</source>
        <translation>Placera betalning {id}</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Left to place</source>
        <translation>Kvar att placera</translation>
    </message>
    <message>
        <source>Payer</source>
        <translation>Betalare</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referens</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meddelande</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Anteckning</translation>
    </message>
    <message>
        <source>{number} · {customer} · {left} left · by {why}</source>
        <translation>{number} · {customer} · {left} kvar · utifrån {why}</translation>
    </message>
    <message>
        <source>No suggestions: type the invoice below.</source>
        <translation>Inga förslag: ange fakturan nedan.</translation>
    </message>
    <message>
        <source>Use suggestion</source>
        <translation>Använd förslag</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Fakturanummer</translation>
    </message>
    <message>
        <source>Add invoice</source>
        <translation>Lägg till faktura</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Ta bort</translation>
    </message>
    <message>
        <source>other currency only</source>
        <translation>endast vid annan valuta</translation>
    </message>
    <message>
        <source>Invoice currency per unit of the payment's currency</source>
        <translation>Fakturavaluta per enhet av betalningens valuta</translation>
    </message>
    <message>
        <source>Choose a customer…</source>
        <translation>Välj en kund…</translation>
    </message>
    <message>
        <source>Turn into credit</source>
        <translation>Gör om till tillgodohavande</translation>
    </message>
    <message>
        <source>Place on invoices</source>
        <translation>Placera på fakturor</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Avbryt</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Or keep it for</source>
        <translation>Eller spara det åt</translation>
    </message>
    <message>
        <source>Suggestions (applied only when you use them)</source>
        <translation>Förslag (tillämpas bara när du använder dem)</translation>
    </message>
    <message>
        <source>Place on these invoices (an amount each to split)</source>
        <translation>Placera på dessa fakturor (ange ett belopp per faktura för att dela upp)</translation>
    </message>
    <message>
        <source>amount</source>
        <translation>belopp</translation>
    </message>
    <message>
        <source>payer</source>
        <translation>betalare</translation>
    </message>
    <message>
        <source>invoice number</source>
        <translation>fakturanummer</translation>
    </message>
    <message>
        <source>OCR reference</source>
        <translation>OCR-nummer</translation>
    </message>
    <message>
        <source>all that fits</source>
        <translation>allt som ryms</translation>
    </message>
    <message>
        <source>Row {n}: no issued invoice {number}</source>
        <translation>Rad {n}: ingen utfärdad faktura {number}</translation>
    </message>
    <message>
        <source>Row {n}: {why}</source>
        <translation>Rad {n}: {why}</translation>
    </message>
    <message>
        <source>Enter at least one invoice number.</source>
        <translation>Ange minst ett fakturanummer.</translation>
    </message>
    <message>
        <source>{amount} to {number}</source>
        <translation>{amount} till {number}</translation>
    </message>
    <message>
        <source>Choose the customer whose credit this becomes.</source>
        <translation>Välj den kund vars tillgodohavande detta blir.</translation>
    </message>
    <message>
        <source>{amount} is now {customer}'s credit</source>
        <translation>{amount} är nu tillgodohavande för {customer}</translation>
    </message>
</context>
<context>
    <name>PortalPage</name>
    <message>
        <source>Customer portal</source>
        <translation>Kundportal</translation>
    </message>
    <message>
        <source>Each customer with invoices gets a private page with their invoices, payments and reminders, and the questions and answers below.</source>
        <translation>Varje kund med fakturor får en egen sida med sina fakturor, betalningar och påminnelser samt frågorna och svaren nedan.</translation>
    </message>
</context>
<context>
    <name>PortalSettingsForm</name>
    <message>
        <source>Publishing</source>
        <translation>Publicering</translation>
    </message>
    <message>
        <source>A folder on this computer or the network</source>
        <translation>En mapp på den här datorn eller i nätverket</translation>
    </message>
    <message>
        <source>An SFTP server</source>
        <translation>En SFTP-server</translation>
    </message>
    <message>
        <source>empty: log in with the password</source>
        <translation>tomt: logga in med lösenordet</translation>
    </message>
    <message>
        <source>kept in the system keyring</source>
        <translation>sparas i systemets nyckelring</translation>
    </message>
    <message>
        <source>Forget key</source>
        <translation>Glöm nyckeln</translation>
    </message>
    <message>
        <source>Publish by itself after issuing, payments and reminders</source>
        <translation>Publicera automatiskt efter utfärdande, betalningar och påminnelser</translation>
    </message>
    <message>
        <source>Save publishing settings</source>
        <translation>Spara publiceringsinställningar</translation>
    </message>
    <message>
        <source>Portal address</source>
        <translation>Kundportalens adress</translation>
    </message>
    <message>
        <source>Publish to</source>
        <translation>Publicera till</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Mapp</translation>
    </message>
    <message>
        <source>SFTP server</source>
        <translation>SFTP-server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Användare</translation>
    </message>
    <message>
        <source>Folder on the server</source>
        <translation>Mapp på servern</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Nyckelfil</translation>
    </message>
    <message>
        <source>Password or passphrase</source>
        <translation>Lösenord eller lösenfras</translation>
    </message>
    <message>
        <source>Server key</source>
        <translation>Servernyckel</translation>
    </message>
    <message>
        <source>not confirmed yet: the first publish asks</source>
        <translation>inte bekräftad än: du tillfrågas vid första publiceringen</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Sparat.</translation>
    </message>
    <message>
        <source>Saved. No keyring: the password is kept until the app closes.</source>
        <translation>Sparat. Ingen nyckelring: lösenordet behålls tills programmet stängs.</translation>
    </message>
</context>
<context>
    <name>PostponeDialog</name>
    <message>
        <source>Postpone reminder</source>
        <translation>Skjut upp påminnelse</translation>
    </message>
    <message>
        <source>The reminder waits until the send window opens on that day.</source>
        <translation>Påminnelsen väntar tills sändningsfönstret öppnar den dagen.</translation>
    </message>
    <message>
        <source>Postpone until</source>
        <translation>Skjut upp till</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <source>Rendering…</source>
        <translation>Skapar förhandsvisning…</translation>
    </message>
    <message>
        <source>◀ Previous</source>
        <translation>◀ Föregående</translation>
    </message>
    <message>
        <source>Next ▶</source>
        <translation>Nästa ▶</translation>
    </message>
    <message>
        <source>Rendered in {ms} ms</source>
        <translation>Skapad på {ms} ms</translation>
    </message>
    <message>
        <source>The preview failed: {message}</source>
        <translation>Förhandsvisningen misslyckades: {message}</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Sida {page} av {count}</translation>
    </message>
</context>
<context>
    <name>PreviewSources</name>
    <message>
        <source>Sample invoice (Swedish)</source>
        <translation>Exempelfaktura (svenska)</translation>
    </message>
    <message>
        <source>Sample invoice (English)</source>
        <translation>Exempelfaktura (engelska)</translation>
    </message>
    <message>
        <source>Preview with</source>
        <translation>Förhandsgranska med</translation>
    </message>
    <message>
        <source>Credit note</source>
        <translation>Kreditfaktura</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <source>Starting…</source>
        <translation>Startar…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Avbryter…</translation>
    </message>
    <message>
        <source>Cancelling… ({step})</source>
        <translation>Avbryter… ({step})</translation>
    </message>
</context>
<context>
    <name>PublishBox</name>
    <message>
        <source>Publish</source>
        <translation>Publicera</translation>
    </message>
    <message>
        <source>Publish now</source>
        <translation>Publicera nu</translation>
    </message>
    <message>
        <source>Not published in this session yet.</source>
        <translation>Inte publicerat under den här sessionen än.</translation>
    </message>
    <message>
        <source>Files that failed</source>
        <translation>Filer som misslyckades</translation>
    </message>
    <message>
        <source>Set where to publish first.</source>
        <translation>Ange först var du vill publicera.</translation>
    </message>
    <message>
        <source>Publishing…</source>
        <translation>Publicerar…</translation>
    </message>
    <message>
        <source>Publish the portal</source>
        <translation>Publicera kundportalen</translation>
    </message>
    <message>
        <source>Cancel stops after the file being uploaded. What was uploaded stays published and is remembered, so the next publish sends only the rest.</source>
        <translation>Avbryt stoppar efter filen som laddas upp. Det som laddats upp förblir publicerat och kommer ihåg, så nästa publicering skickar bara resten.</translation>
    </message>
    <message>
        <source>Building the portal's pages…</source>
        <translation>Bygger kundportalens sidor…</translation>
    </message>
    <message>
        <source>Published {done} of {total} files: {file}</source>
        <translation>Publicerat {done} av {total} filer: {file}</translation>
    </message>
    <message>
        <source>Publishing cancelled before any file was uploaded.</source>
        <translation>Publiceringen avbröts innan någon fil laddades upp.</translation>
    </message>
    <message>
        <source>The SFTP server's key is to be confirmed first.</source>
        <translation>SFTP-serverns nyckel måste bekräftas först.</translation>
    </message>
    <message>
        <source>Not published: {error}</source>
        <translation>Inte publicerat: {error}</translation>
    </message>
    <message>
        <source>Publishing cancelled: {uploaded} uploaded, {removed} removed; {left} files wait for the next publish.</source>
        <translation>Publiceringen avbröts: {uploaded} uppladdade, {removed} borttagna; {left} filer väntar på nästa publicering.</translation>
    </message>
    <message>
        <source>Published: {uploaded} uploaded, {removed} removed, {unchanged} unchanged.</source>
        <translation>Publicerat: {uploaded} uppladdade, {removed} borttagna, {unchanged} oförändrade.</translation>
    </message>
    <message>
        <source>{count} files failed; they are tried again next time.</source>
        <translation>{count} filer misslyckades; ett nytt försök görs nästa gång.</translation>
    </message>
    <message>
        <source>The SFTP server is not known yet. Its key fingerprint is

{fingerprint}

Publish there only if your web host confirms this fingerprint. Trust it?</source>
        <translation>SFTP-servern är inte känd än. Dess nyckelfingeravtryck är

{fingerprint}

Publicera dit endast om ditt webbhotell bekräftar detta fingeravtryck. Vill du lita på servern?</translation>
    </message>
    <message>
        <source>Confirm the server</source>
        <translation>Bekräfta servern</translation>
    </message>
    <message>
        <source>Not published: the server's key {fingerprint} is not confirmed.</source>
        <translation>Inte publicerat: serverns nyckel {fingerprint} är inte bekräftad.</translation>
    </message>
</context>
<context>
    <name>RegisterPaymentDialog</name>
    <message>
        <source>Register payment</source>
        <translation>Registrera betalning</translation>
    </message>
    <message>
        <source>Invoice number</source>
        <translation>Fakturanummer</translation>
    </message>
    <message>
        <source>invoice currency per unit</source>
        <translation>fakturavaluta per enhet</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Belopp</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Kurs</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Betalsätt</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Referens</translation>
    </message>
    <message>
        <source>Register</source>
        <translation>Registrera</translation>
    </message>
    <message>
        <source>No issued invoice {number}.</source>
        <translation>Ingen utfärdad faktura {number}.</translation>
    </message>
    <message>
        <source>{customer} · {left} left to pay</source>
        <translation>{customer} · {left} kvar att betala</translation>
    </message>
    <message>
        <source>= {converted}; {gap} against what is left</source>
        <translation>= {converted}; {gap} mot det som återstår</translation>
    </message>
    <message>
        <source>enter the number of an issued invoice</source>
        <translation>ange numret på en utfärdad faktura</translation>
    </message>
    <message>
        <source>{applied} to invoice {number}; {left} left.</source>
        <translation>{applied} till faktura {number}; {left} kvar.</translation>
    </message>
    <message>
        <source>{credit} became the customer's credit.</source>
        <translation>{credit} blev kundens tillgodohavande.</translation>
    </message>
</context>
<context>
    <name>ReminderModel</name>
    <message>
        <source>Invoice</source>
        <translation>Faktura</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Nivå</translation>
    </message>
    <message>
        <source>Amount due</source>
        <translation>Att betala</translation>
    </message>
    <message>
        <source>Fee or compensation</source>
        <translation>Avgift eller ersättning</translation>
    </message>
    <message>
        <source>Interest</source>
        <translation>Ränta</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planerad</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Orsak</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Granskning</translation>
    </message>
    <message>
        <source>Late payment compensation of {amount}, which a business owes by law; the reminder fee is set against it, not added</source>
        <translation>Förseningsersättning på {amount}, som ett företag är skyldigt enligt lag; påminnelseavgiften avräknas mot den och läggs inte till</translation>
    </message>
</context>
<context>
    <name>ReminderPolicyDialog</name>
    <message>
        <source>Reminder policies</source>
        <translation>Påminnelseregler</translation>
    </message>
    <message>
        <source>New policy…</source>
        <translation>Ny regel…</translation>
    </message>
    <message>
        <source>Delete policy</source>
        <translation>Ta bort regel</translation>
    </message>
    <message>
        <source>Claim the flat late-payment compensation from businesses</source>
        <translation>Kräv förseningsersättning (schablonbelopp) av företagskunder</translation>
    </message>
    <message>
        <source>Do not remind below</source>
        <translation>Påminn inte under</translation>
    </message>
    <message>
        <source>Interest margin (percentage points)</source>
        <translation>Räntemarginal (procentenheter)</translation>
    </message>
    <message>
        <source>Compensation</source>
        <translation>Förseningsersättning</translation>
    </message>
    <message>
        <source>Policies</source>
        <translation>Regler</translation>
    </message>
    <message>
        <source>Send window and rates</source>
        <translation>Sändningsfönster och räntor</translation>
    </message>
    <message>
        <source>New policy</source>
        <translation>Ny påminnelseregel</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Namn</translation>
    </message>
    <message>
        <source>there is already a policy %r</source>
        <translation>det finns redan en regel %r</translation>
    </message>
    <message>
        <source>%d customers follow %r; give them another policy first.</source>
        <translation>%d kunder följer %r; ge dem en annan regel först.</translation>
    </message>
    <message>
        <source>Delete %r?</source>
        <translation>Ta bort %r?</translation>
    </message>
    <message>
        <source>Saved, but please check</source>
        <translation>Sparat, men kontrollera</translation>
    </message>
    <message>
        <source>The ledger's policy</source>
        <translation>Reskontrans standardregel</translation>
    </message>
    <message>
        <source>%d customers follow this policy.</source>
        <translation>%d kunder följer den här regeln.</translation>
    </message>
</context>
<context>
    <name>RemindersPage</name>
    <message>
        <source>Reminders</source>
        <translation>Påminnelser</translation>
    </message>
    <message>
        <source>Search invoice or customer</source>
        <translation>Sök faktura eller kund</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Godkänn</translation>
    </message>
    <message>
        <source>Approve all</source>
        <translation>Godkänn alla</translation>
    </message>
    <message>
        <source>Skip…</source>
        <translation>Hoppa över…</translation>
    </message>
    <message>
        <source>Postpone…</source>
        <translation>Skjut upp…</translation>
    </message>
    <message>
        <source>Mark invoice disputed</source>
        <translation>Markera fakturan som bestriden</translation>
    </message>
    <message>
        <source>Pause customer</source>
        <translation>Pausa kunden</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>Förhandsgranska…</translation>
    </message>
    <message>
        <source>Policy…</source>
        <translation>Påminnelseregel…</translation>
    </message>
    <message>
        <source>Mark {numbers} as disputed? No reminders are sent until the dispute is cleared in the invoice's view.</source>
        <translation>Registrera bestridande för {numbers}? Inga påminnelser skickas förrän bestridandet har hävts i fakturans vy.</translation>
    </message>
    <message>
        <source>Mark disputed</source>
        <translation>Markera som bestriden</translation>
    </message>
    <message>
        <source>All levels</source>
        <translation>Alla nivåer</translation>
    </message>
    <message>
        <source>Level {level}</source>
        <translation>Nivå {level}</translation>
    </message>
    <message>
        <source>{shown} of {total} reminders</source>
        <translation>{shown} av {total} påminnelser</translation>
    </message>
    <message>
        <source>No reminder is due today or in the coming 14 days. An overdue invoice shows up here when its next reminder level falls due; Policy… sets the levels.</source>
        <translation>Ingen påminnelse ska skickas i dag eller de kommande 14 dagarna. En förfallen faktura visas här när dess nästa påminnelsenivå infaller; Påminnelseregel… ställer in nivåerna.</translation>
    </message>
    <message>
        <source>No reminder matches the filters and the search.</source>
        <translation>Ingen påminnelse matchar filtren och sökningen.</translation>
    </message>
</context>
<context>
    <name>SavingDialog</name>
    <message>
        <source>Saving {name}…</source>
        <translation>Sparar {name}…</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Sparat i {path}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Inte sparat: {reason}</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Inte sparat</translation>
    </message>
</context>
<context>
    <name>SendingPanel</name>
    <message>
        <source>Sending is not running here: approved reminders go out with `finqr reminders send-due --once` (for example from cron).</source>
        <translation>Utskicket körs inte här: godkända påminnelser skickas med `finqr reminders send-due --once` (till exempel från cron).</translation>
    </message>
    <message>
        <source>Send due now</source>
        <translation>Skicka väntande nu</translation>
    </message>
    <message>
        <source>Cancel stops after the message being sent. Nothing is sent twice; what was not sent stays queued for the next run.</source>
        <translation>Avbryt stoppar efter meddelandet som skickas. Inget skickas två gånger; det som inte skickades ligger kvar i kön till nästa körning.</translation>
    </message>
    <message>
        <source>Sending message {n} of {total}: invoice {number}</source>
        <translation>Skickar meddelande {n} av {total}: faktura {number}</translation>
    </message>
    <message>
        <source>Sending stopped: {error}</source>
        <translation>Utskicket stoppades: {error}</translation>
    </message>
    <message>
        <source>Nothing was due to send.</source>
        <translation>Inget väntade på att skickas.</translation>
    </message>
    <message>
        <source>{sent} of {due} messages sent.</source>
        <translation>{sent} av {due} meddelanden skickade.</translation>
    </message>
    <message>
        <source>{failed} failed, {deferred} wait to be tried again.</source>
        <translation>{failed} misslyckades, {deferred} väntar på ett nytt försök.</translation>
    </message>
    <message>
        <source>Cancelled: {left} messages stay queued for the next run.</source>
        <translation>Avbrutet: {left} meddelanden ligger kvar i kön till nästa körning.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>Settings</source>
        <translation>Inställningar</translation>
    </message>
    <message>
        <source>Save company details</source>
        <translation>Spara företagsuppgifter</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Företag</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-post</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Databas</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Språk</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Sparat.</translation>
    </message>
    <message>
        <source>Not saved: see the marked fields.</source>
        <translation>Inte sparat: se de markerade fälten.</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>{action} ({shortcut})</source>
        <translation>{action} ({shortcut})</translation>
    </message>
</context>
<context>
    <name>SieDialog</name>
    <message>
        <source>SIE export</source>
        <translation>SIE-export</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>Konton…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportera…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>Invoices, credit notes, payments, reminder fees, write-offs and rounding of the period as SIE 4 verifications, for the accounting program.</source>
        <translation>Fakturor, kreditfakturor, betalningar, påminnelseavgifter, avskrivningar och öresavrundning för perioden som SIE 4-verifikationer, för bokföringsprogrammet.</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Perioden slutar innan den börjar.</translation>
    </message>
    <message>
        <source>Save the SIE file</source>
        <translation>Spara SIE-filen</translation>
    </message>
    <message>
        <source>SIE files (*.se *.si)</source>
        <translation>SIE-filer (*.se *.si)</translation>
    </message>
    <message>
        <source>Some texts are written with other characters:</source>
        <translation>Några texter skrivs med andra tecken:</translation>
    </message>
    <message>
        <source>… and {count} more (all in the log).</source>
        <translation>… och {count} till (alla i loggen).</translation>
    </message>
</context>
<context>
    <name>StatementDialog</name>
    <message>
        <source>Customer statement</source>
        <translation>Kontoutdrag för kund</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Spara PDF…</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>Spara CSV…</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kund</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Från</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Till</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>Perioden slutar innan den börjar.</translation>
    </message>
    <message>
        <source>Save the statement</source>
        <translation>Spara kontoutdraget</translation>
    </message>
</context>
<context>
    <name>TemplateList</name>
    <message>
        <source>FINQR templates (*.json);;All files (*)</source>
        <translation>FINQR-mallar (*.json);;Alla filer (*)</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Mall</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Ny</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplicera</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportera…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Importera…</translation>
    </message>
    <message>
        <source>Make default</source>
        <translation>Gör till standard</translation>
    </message>
    <message>
        <source>Print new documents with this template</source>
        <translation>Skriv ut nya dokument med den här mallen</translation>
    </message>
    <message>
        <source> (default)</source>
        <translation> (standard)</translation>
    </message>
    <message>
        <source>New template</source>
        <translation>Ny mall</translation>
    </message>
    <message>
        <source>{name} (copy)</source>
        <translation>{name} (kopia)</translation>
    </message>
    <message>
        <source>Export the template</source>
        <translation>Exportera mallen</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportera</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>Kunde inte skriva {path}: {error}</translation>
    </message>
    <message>
        <source>Import a template</source>
        <translation>Importera en mall</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importera</translation>
    </message>
    <message>
        <source>The file was not imported:
{problems}</source>
        <translation>Filen importerades inte:
{problems}</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>Templates</source>
        <translation>Mallar</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Grafisk profil</translation>
    </message>
    <message>
        <source>Message blocks</source>
        <translation>Meddelandeblock</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Spara</translation>
    </message>
    <message>
        <source>Discard the changes to this template?</source>
        <translation>Förkasta ändringarna i den här mallen?</translation>
    </message>
    <message>
        <source>Not rendered: fix the marked fields.</source>
        <translation>Ingen förhandsvisning: rätta de markerade fälten.</translation>
    </message>
    <message>
        <source>Saved as version {n}</source>
        <translation>Sparad som version {n}</translation>
    </message>
</context>
<context>
    <name>TotalsPanel</name>
    <message>
        <source>Lines</source>
        <translation>Summa rader</translation>
    </message>
    <message>
        <source>Invoice discount</source>
        <translation>Fakturarabatt</translation>
    </message>
    <message>
        <source>Net</source>
        <translation>Netto</translation>
    </message>
    <message>
        <source>Rounding</source>
        <translation>Öresavrundning</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summa</translation>
    </message>
    <message>
        <source>VAT {rate} on {base}</source>
        <translation>Moms {rate} på {base}</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>Undo</source>
        <translation>Ångra</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Gör om</translation>
    </message>
</context>
<context>
    <name>WindowKeys</name>
    <message>
        <source>&amp;New invoice…</source>
        <translation>&amp;Ny faktura…</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Visa</translation>
    </message>
    <message>
        <source>Ne&amp;xt section</source>
        <translation>&amp;Nästa avsnitt</translation>
    </message>
    <message>
        <source>&amp;Previous section</source>
        <translation>&amp;Föregående avsnitt</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Sök</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Uppdatera</translation>
    </message>
</context>
</TS>