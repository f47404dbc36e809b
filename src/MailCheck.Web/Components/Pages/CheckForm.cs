using MailCheck.Core.Checks;
using MailCheck.Web.Data;

namespace MailCheck.Web.Components.Pages;

/// <summary>The home form's fields, and how they become a <see cref="CheckRequest"/>.</summary>
public sealed class CheckForm
{
    /// <summary>A domain (example.com) or a recipient address (someone@example.com).</summary>
    public string Target { get; set; } = "";

    public string From { get; set; } = "";

    /// <summary>Recipients separated by commas, spaces or new lines; empty means the default recipient.</summary>
    public string Recipients { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Body { get; set; } = RequestDefaults.Body;

    public CheckMode Mode { get; set; } = CheckMode.Send;

    public int Port { get; set; } = 25;

    public TlsPolicy Tls { get; set; } = TlsPolicy.Opportunistic;

    /// <summary>Test every address of every MX (probe and connect only) instead of the first that answers.</summary>
    public bool EveryMx { get; set; }

    public string EhloName { get; set; } = "";

    public string AuthUsername { get; set; } = "";

    public string AuthPassword { get; set; } = "";

    /// <summary>Judge the domain's posture (SPF, DMARC, DKIM ...) and show a scorecard.</summary>
    public bool Posture { get; set; } = true;

    /// <summary>Extra DKIM selectors, separated by commas or spaces.</summary>
    public string DkimSelectors { get; set; } = "";

    public IReadOnlyList<string> DkimSelectorList =>
        DkimSelectors.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The domain the target names (the part after "@" for an address).</summary>
    public string Domain => RequestDefaults.DomainOf(Target);

    /// <summary>The recipients used when the field is left empty: the address given, or postmaster@domain.</summary>
    public string DefaultRecipient => string.IsNullOrWhiteSpace(Target) ? "postmaster@example.com" : RequestDefaults.RecipientFor(Target);

    public IReadOnlyList<string> RecipientList
    {
        get
        {
            var given = Recipients.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
            return given.Length > 0 ? given : string.IsNullOrWhiteSpace(Target) ? [] : [DefaultRecipient];
        }
    }

    /// <summary>The request as typed: blank fields are left to Core's <see cref="RequestDefaults"/>.</summary>
    public CheckRequestInput ToInput() => new()
    {
        Domain = Domain,
        From = From.Trim(),
        To = RecipientList,
        Subject = Subject,
        Body = Body,
        Mode = Mode,
        Port = Port,
        Tls = Tls,
        Scope = EveryMx ? CheckScope.All : CheckScope.First,
        EhloName = EhloName.Trim(),
        Auth = string.IsNullOrEmpty(AuthUsername) && string.IsNullOrEmpty(AuthPassword) ? null : new SmtpCredentials(AuthUsername, AuthPassword),
        Posture = Posture,
        DkimSelectors = Posture ? DkimSelectorList : [],
    };

    /// <summary>A form filled from an earlier check ("run again"): everything but the password.</summary>
    public static CheckForm Of(StoredRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        var onlyDefault = request.To.Count == 1 && request.Domain is not null
            && string.Equals(request.To[0], RequestDefaults.Recipient(request.Domain), StringComparison.OrdinalIgnoreCase);
        return new CheckForm
        {
            Target = request.Domain ?? "",
            Recipients = onlyDefault ? "" : string.Join(", ", request.To),
            From = request.From,
            Subject = RequestDefaults.Subject(now),
            Body = request.Body,
            Mode = request.Mode,
            Port = request.Port,
            Tls = request.Tls,
            EveryMx = request.Scope == CheckScope.All,
            EhloName = request.EhloName ?? "",
            AuthUsername = request.Auth?.Username ?? "",
            Posture = request.Posture,
            DkimSelectors = string.Join(", ", request.DkimSelectors),
        };
    }
}
