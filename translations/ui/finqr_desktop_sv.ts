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
Expected: {expected} from {count} invoices
Band: {low} to {high}
Click to list the invoices.</source>
        <translation>Vecka {week} ({start} – {end})
Förväntat: {expected} från {count} fakturor
Intervall: {low} till {high}
Klicka för att lista fakturorna.</translation>
    </message>
    <message>
        <source>Still due, by days overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{label}: {amount} in {count} invoices
Click to list them.</source>
        <translation>{label}: {amount} på {count} fakturor
Klicka för att lista dem.</translation>
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
        <source>incl. {amount} converted at {rate}</source>
        <translation>inkl. {amount} omräknat till kursen {rate}</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} dagar</translation>
    </message>
    <message>
        <source>Not yet due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1–30 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>31–60 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>61–90 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Over 90 days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No invoice has been paid yet, so each open invoice is placed at its due date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Each open invoice at its due date plus its customer's median delay over its last {count} invoices paid in the last {days} days (others: the company-wide median, {median} days).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Band: the middle half of each customer's delays. Money already late counts in the current week.</source>
        <translation type="unfinished" />
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
        <translation>Bankgiro</translation>
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>{count} days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the invoice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the manual message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the friendly notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the last reminder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Level {level}: {days} before the due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Level {level}: on the due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Level {level}: {days} after the due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{reason}, {days} since {message}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>{reason} (caught up after days away)</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Redo: {step}</source>
        <translation type="unfinished" />
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
        <source>Sending is paused until FINQR Desktop is started again.</source>
        <translation>Utskicken är pausade tills FINQR Desktop startas igen.</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Säkerhetskopiering</translation>
    </message>
    <message>
        <source>A backup is running.</source>
        <translation>En säkerhetskopiering pågår.</translation>
    </message>
    <message>
        <source>The ledger is backed up to
{path}</source>
        <translation>Reskontran är säkerhetskopierad till
{path}</translation>
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
        <source>FINQR Desktop closes now; start it again.</source>
        <translation>FINQR Desktop stängs nu; starta programmet igen.</translation>
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
        <translation type="unfinished" />
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
        <translation type="unfinished" />
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
        <source>{count} invoices</source>
        <translation>{count} fakturor</translation>
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
    <message>
        <source>{label}: {count} invoices, {amount}</source>
        <translation>{label}: {count} fakturor, {amount}</translation>
    </message>
    <message>
        <source>Expected in week {week} ({start} – {end}): {count} invoices, {amount}</source>
        <translation>Förväntas vecka {week} ({start} – {end}): {count} fakturor, {amount}</translation>
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
        <source>Amounts in other currencies are shown in {home} at the latest rate: the newest of these rows and of the rates payments in another currency were booked at.</source>
        <translation>Belopp i andra valutor visas i {home} till den senaste kursen: den nyaste av dessa rader och av de kurser som betalningar i annan valuta bokfördes till.</translation>
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
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Import cancelled: nothing was booked, the ledger is as it was. Press Import to import the file after all.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cancelling… nothing will be imported.</source>
        <translation type="unfinished" />
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
</context>
<context>
    <name>Language</name>
    <message>
        <source>System default</source>
        <translation>Systemets standard</translation>
    </message>
    <message>
        <source>Swedish ({example})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>British English ({example})</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>As the language</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Apply</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Rebuild the window in the chosen language; unsaved work is kept or asked for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language of the window</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Formats</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Not changed: save your work first, then apply again.</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>payer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>invoice number</source>
        <translation type="unfinished" />
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
        <source>Not published: {error}</source>
        <translation>Inte publicerat: {error}</translation>
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished" />
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