namespace MailCheck.Core.Posture.Dkim;

/// <summary>
/// The selectors MailCheck probes when it has no message to read one from (DNS cannot list the names under
/// <c>_domainkey</c>, RFC 6376 §3.6.2.1). One table, so it is easy to review and extend:
/// <list type="table">
/// <item><term>google</term><description>Google Workspace</description></item>
/// <item><term>selector1, selector2</term><description>Microsoft 365: CNAMEs to
/// <c>selectorN-&lt;domain&gt;._domainkey.&lt;tenant&gt;.onmicrosoft.com</c>, followed as the resolver answers</description></item>
/// <item><term>s1, s2</term><description>SendGrid (CNAMEs into sendgrid.net)</description></item>
/// <item><term>k1, k2, k3</term><description>Mailchimp / Mandrill (k1 is also a common generic choice)</description></item>
/// <item><term>mx, smtp, mailo</term><description>Mailgun</description></item>
/// <item><term>fm1, fm2, fm3</term><description>Fastmail</description></item>
/// <item><term>protonmail, protonmail2, protonmail3</term><description>Proton Mail</description></item>
/// <item><term>zoho, zmail</term><description>Zoho Mail</description></item>
/// <item><term>hs1, hs2</term><description>HubSpot</description></item>
/// <item><term>default, dkim, mail, email, key1</term><description>generic (control panels, OpenDKIM and rspamd examples)</description></item>
/// </list>
/// Amazon SES is not probed: its selectors are random per-domain tokens.
/// </summary>
public static class DkimSelectorCatalog
{
    public static IReadOnlyList<DkimCommonSelector> Common { get; } =
    [
        new("google", "Google Workspace"),
        new("selector1", "Microsoft 365"),
        new("selector2", "Microsoft 365"),
        new("s1", "SendGrid"),
        new("s2", "SendGrid"),
        new("k1", "Mailchimp"),
        new("k2", "Mailchimp"),
        new("k3", "Mailchimp"),
        new("mx", "Mailgun"),
        new("smtp", "Mailgun"),
        new("mailo", "Mailgun"),
        new("fm1", "Fastmail"),
        new("fm2", "Fastmail"),
        new("fm3", "Fastmail"),
        new("protonmail", "Proton Mail"),
        new("protonmail2", "Proton Mail"),
        new("protonmail3", "Proton Mail"),
        new("zoho", "Zoho Mail"),
        new("zmail", "Zoho Mail"),
        new("hs1", "HubSpot"),
        new("hs2", "HubSpot"),
        new("default", "generic"),
        new("dkim", "generic"),
        new("mail", "generic"),
        new("email", "generic"),
        new("key1", "generic"),
    ];
}
