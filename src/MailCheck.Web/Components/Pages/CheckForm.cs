using MailCheck.Core.Documents;
using System.Text.Json.Serialization;
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

    public string EhloName { get; set; } = "";

    public string AuthUsername { get; set; } = "";

    public string AuthPassword { get; set; } = "";

    /// <summary>True when the form was filled from an earlier check ("run again").</summary>
    public bool FromEarlierCheck { get; set; }

    /// <summary>Judge the domain's posture (SPF, DMARC, DKIM ...) and show a scorecard.</summary>
    public bool Posture { get; set; } = true;

    /// <summary>Extra DKIM selectors, separated by commas or spaces.</summary>
    public string DkimSelectors { get; set; } = "";

    [JsonIgnore]
    public IReadOnlyList<string> DkimSelectorList =>
        DkimSelectors.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The domain the target names (the part after "@" for an address).</summary>
    [JsonIgnore]
    public string Domain => RequestDefaults.DomainOf(Target);

    /// <summary>The recipients used when the field is left empty: the address given, or postmaster@domain.</summary>
    [JsonIgnore]
    public string DefaultRecipient => string.IsNullOrWhiteSpace(Target) ? "postmaster@example.com" : RequestDefaults.RecipientFor(Target);

    /// <summary>
    /// The recipient an empty Recipients field stands for, normalised, or null while the target is not a valid domain
    /// or address: a hint never repeats invalid input back as if it were a suggestion ("Empty: postmaster@bad..domain").
    /// </summary>
    [JsonIgnore]
    public string? ValidDefaultRecipient
    {
        get
        {
            var target = Target.Trim();
            if (target.Length == 0)
            {
                return null;
            }

            // The engine's own rules (characters, length, IDN, address literals), on just the target and its default.
            var check = CheckRequestValidator.Validate(new CheckRequest
            {
                Domain = target.Contains('@', StringComparison.Ordinal) ? null : target,
                Recipients = [DefaultRecipient],
            });
            return check.IsValid ? check.Request!.Recipients[0] : null;
        }
    }

    [JsonIgnore]
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
        EhloName = EhloName.Trim(),
        Auth = string.IsNullOrEmpty(AuthUsername) && string.IsNullOrEmpty(AuthPassword) ? null : new SmtpCredentials(AuthUsername, AuthPassword),
        Posture = Posture,
        DkimSelectors = Posture ? DkimSelectorList : [],
    };

    /// <summary>A form filled from an earlier check ("run again"): everything but the password.</summary>
    public static CheckForm Of(RedactedRequest request, DateTimeOffset now)
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
            EhloName = request.EhloName ?? "",
            AuthUsername = request.Auth?.Username ?? "",
            FromEarlierCheck = true,
            Posture = request.Posture,
            DkimSelectors = string.Join(", ", request.DkimSelectors),
        };
    }

    /// <summary>A copy with the password left out: what may be handed on (the password is kept nowhere).</summary>
    public CheckForm WithoutPassword()
    {
        var copy = (CheckForm)MemberwiseClone();
        copy.AuthPassword = "";
        return copy;
    }
}
