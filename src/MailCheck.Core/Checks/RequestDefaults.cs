using System.Globalization;
using MailCheck.Core.Smtp;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Checks;

/// <summary>
/// Every default of a check request, in one place, for the form, the API, the hub, the CLI and the engine:
/// the sender and EHLO name from <c>MailCheck:Smtp</c>, postmaster@domain as recipient, a dated subject, a short
/// body, send mode (probe when every MX is tested: scope all never sends), port 25, opportunistic TLS (implicit TLS on
/// port 465), the first MX that answers.
/// </summary>
public sealed class RequestDefaults
{
    public const string Body =
        "This is a test message sent by MailCheck to check that mail to this address is delivered.\n" +
        "No reply is needed.";

    /// <summary>The port of SMTP submission over implicit TLS (RFC 8314 §3.3): TLS from the first byte.</summary>
    public const int ImplicitTlsPort = 465;

    public RequestDefaults(IOptions<SmtpOptions> options)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value)
    {
    }

    public RequestDefaults(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        From = options.DefaultFrom;
        EhloName = options.EhloName;
    }

    /// <summary>The sender when a request names none (<c>MailCheck:Smtp:DefaultFrom</c>).</summary>
    public string From { get; }

    /// <summary>The EHLO name when a request names none (<c>MailCheck:Smtp:EhloName</c>).</summary>
    public string EhloName { get; }

    /// <summary>"MailCheck test 2026-11-28 13:45 UTC".</summary>
    public static string Subject(DateTimeOffset now) =>
        "MailCheck test " + now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>The recipient used when only a domain is given: postmaster (RFC 5321 §4.5.1 requires it).</summary>
    public static string Recipient(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return "postmaster@" + domain.Trim().TrimEnd('.');
    }

    /// <summary>The domain a target names: "someone@example.com" and "example.com" both name example.com.</summary>
    public static string DomainOf(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.Trim();
        var at = text.LastIndexOf('@');
        return at >= 0 ? text[(at + 1)..] : text;
    }

    /// <summary>The recipient a target implies: the address itself, or postmaster@ the domain.</summary>
    public static string RecipientFor(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var text = target.Trim();
        return text.Contains('@', StringComparison.Ordinal) ? text : Recipient(text);
    }

    /// <summary>The TLS policy when none is asked for: implicit on port 465, opportunistic elsewhere.</summary>
    public static TlsPolicy TlsFor(int port) => port == ImplicitTlsPort ? TlsPolicy.Implicit : TlsPolicy.Opportunistic;

    /// <summary>
    /// The mode when none is asked for: send, or probe when every MX is tested (a message is never sent to several
    /// servers, so <see cref="CheckScope.All"/> allows only probe and connect).
    /// </summary>
    public static CheckMode ModeFor(CheckScope scope) => scope == CheckScope.All ? CheckMode.Probe : CheckMode.Send;

    /// <summary>
    /// Empty or spaces only: the default applies. Whitespace that is a control character (CR, LF, TAB, U+2028 ...)
    /// is not blank: it goes on to the validator, which refuses it naming the field.
    /// </summary>
    public static bool IsBlank(string? value) =>
        string.IsNullOrWhiteSpace(value) && ControlCharacters.IndexOfForbidden(value) < 0;

    /// <summary><paramref name="from"/>, or the default sender when it is blank.</summary>
    public string FromOr(string? from) => IsBlank(from) ? From : from!;

    /// <summary><paramref name="ehloName"/>, or the default EHLO name when it is blank.</summary>
    public string EhloNameOr(string? ehloName) => IsBlank(ehloName) ? EhloName : ehloName!;

    /// <summary>Fills in what <paramref name="input"/> leaves out; the result still has to be validated.</summary>
    public CheckRequest Complete(CheckRequestInput input, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Mode == CheckMode.Receive)
        {
            // Nothing to fill in: MailCheck gives the address. What the input names anyway goes on to the validator,
            // which refuses it naming the field.
            return new CheckRequest
            {
                Domain = IsBlank(input.Domain) ? null : input.Domain,
                From = IsBlank(input.From) ? "" : input.From!,
                Recipients = input.To ?? [],
                Subject = input.Subject ?? "",
                Body = input.Body ?? "",
                Mode = CheckMode.Receive,
                Port = input.Port ?? 25,
                Tls = input.Tls ?? TlsPolicy.Opportunistic,
                EhloName = IsBlank(input.EhloName) ? null : input.EhloName,
                Auth = input.Auth,
                Posture = true,
                DkimSelectors = input.DkimSelectors ?? [],
                Scope = input.Scope ?? CheckScope.First, // carried so that the validator can refuse "all" by name
            };
        }

        var domain = IsBlank(input.Domain) ? null : input.Domain;
        var port = input.Port ?? 25;
        var scope = input.Scope ?? CheckScope.First;
        return new CheckRequest
        {
            Domain = domain,
            From = FromOr(input.From),
            Recipients = input.To is { Count: > 0 } to ? to : domain is null ? [] : [Recipient(domain)],
            Subject = input.Subject ?? Subject(now),
            Body = input.Body ?? Body,
            Mode = input.Mode ?? ModeFor(scope),
            Port = port,
            Tls = input.Tls ?? TlsFor(port),
            Scope = scope,
            EhloName = IsBlank(input.EhloName) ? null : input.EhloName,
            Auth = input.Auth,
            Posture = input.Posture ?? true,
            DkimSelectors = input.DkimSelectors ?? [],
        };
    }
}
