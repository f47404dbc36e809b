using System.Text;

namespace MailCheck.Core.Checks;

/// <summary>
/// Validates and normalises a <see cref="CheckRequest"/>. Nothing is sent for a refused request.
/// Every problem is reported (not only the first), each naming its field with the API's JSON names.
/// </summary>
/// <remarks>
/// The validated copy has: <see cref="CheckRequest.Domain"/> filled in (from the first recipient when empty)
/// and normalised by <see cref="DomainName.TryNormalize"/> (lower case, no trailing dot, IDN in Unicode form or an
/// address literal); addresses trimmed with their domain normalised; <see cref="CheckRequest.EhloName"/> null or in
/// ASCII form; <see cref="CheckRequest.Auth"/> null when both parts are empty; null strings replaced by "".
/// An empty <see cref="CheckRequest.From"/> stays empty: the engine then uses its configured default sender.
/// Recipient fields are numbered from 0: <c>to[0]</c> is the first recipient.
/// </remarks>
public static class CheckRequestValidator
{
    public const int MaxAddressLength = 254;
    public const int MaxSubjectLength = 200;
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxEhloNameLength = 253;
    public const int MaxRecipients = 5;
    public const int MaxCredentialLength = 256;
    public const int MaxDkimSelectors = 10;
    public const int MaxDkimSelectorLength = 63 * 3;

    public static CheckValidationResult Validate(CheckRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Mode == CheckMode.Receive)
        {
            return ValidateReceive(request);
        }

        var errors = new List<FieldError>();

        var from = ValidateFrom(request.From, errors);
        var (recipients, firstRecipientDomain) = ValidateRecipients(request.Recipients, errors);
        var domain = ValidateDomain(request.Domain, request.Recipients, firstRecipientDomain, errors);
        var subject = ValidateSubject(request.Subject, errors);
        var body = ValidateBody(request.Body, errors);
        var ehloName = ValidateEhloName(request.EhloName, errors);
        var auth = ValidateAuth(request.Auth, errors);
        var selectors = ValidateDkimSelectors(request.DkimSelectors, errors);

        if (!Enum.IsDefined(request.Mode))
        {
            errors.Add(new FieldError("mode", "The mode must be send, probe, connect or receive."));
        }

        if (request.Port is < 1 or > 65535)
        {
            errors.Add(new FieldError("port", $"The port must be between 1 and 65535 (25 for SMTP, 587 for submission, 465 for implicit TLS); {request.Port} is not."));
        }

        if (!Enum.IsDefined(request.Tls))
        {
            errors.Add(new FieldError("tls", "The TLS policy must be opportunistic, required, none or implicit."));
        }

        if (!Enum.IsDefined(request.Scope))
        {
            errors.Add(new FieldError("scope", "The scope must be first (the first mail server that answers) or all (every address of every MX)."));
        }
        else if (request.Scope == CheckScope.All && request.Mode == CheckMode.Send)
        {
            errors.Add(new FieldError("scope", "Testing every MX (scope all) works with probe or connect only: MailCheck never sends one message to several servers. Choose probe, or test the first MX only."));
        }

        if (errors.Count > 0)
        {
            DropDerivedRecipientErrors(request, errors);
            return new CheckValidationResult(null, errors);
        }

        var normalized = request with
        {
            Domain = domain,
            From = from,
            Recipients = recipients,
            Subject = subject,
            Body = body,
            EhloName = ehloName,
            Auth = auth,
            DkimSelectors = selectors,
        };
        return new CheckValidationResult(normalized, errors);
    }

    /// <summary>
    /// A receive check names nothing: MailCheck gives the address and waits for a message from the person's own mail
    /// system. Anything that only a sending check uses is refused, naming its field, rather than silently ignored.
    /// The validated copy has every such field empty; the host fills in <see cref="CheckRequest.Domain"/> (its
    /// <c>MailCheck:Receive:Domain</c>).
    /// </summary>
    private static CheckValidationResult ValidateReceive(CheckRequest request)
    {
        const string Why = "MailCheck gives you an address and waits for your message";
        var errors = new List<FieldError>();
        if (!string.IsNullOrWhiteSpace(request.Domain))
        {
            errors.Add(new FieldError("domain", $"A receive check takes no domain: {Why}."));
        }

        if (request.Recipients is { Count: > 0 })
        {
            errors.Add(new FieldError("to", $"A receive check takes no recipients: {Why}."));
        }

        if (!string.IsNullOrWhiteSpace(request.From))
        {
            errors.Add(new FieldError("from", $"A receive check sends nothing, so it takes no sender: {Why}."));
        }

        if (!string.IsNullOrWhiteSpace(request.Subject) || !string.IsNullOrWhiteSpace(request.Body))
        {
            errors.Add(new FieldError(string.IsNullOrWhiteSpace(request.Subject) ? "body" : "subject", $"A receive check sends no message: {Why}."));
        }

        if (!string.IsNullOrWhiteSpace(request.EhloName) || request.Auth is not null)
        {
            errors.Add(new FieldError(request.Auth is not null ? "auth" : "ehloName", $"A receive check opens no connection: {Why}."));
        }

        if (request.DkimSelectors is { Count: > 0 })
        {
            errors.Add(new FieldError("dkimSelectors", "A receive check verifies the DKIM signatures the message carries: it takes no selectors."));
        }

        if (request.Scope != CheckScope.First)
        {
            errors.Add(new FieldError("scope", $"A receive check connects to no MX host, so it has no scope: {Why}."));
        }

        if (errors.Count > 0)
        {
            return new CheckValidationResult(null, errors);
        }

        return new CheckValidationResult(
            request with
            {
                Domain = null,
                From = "",
                Recipients = [],
                Subject = "",
                Body = "",
                EhloName = null,
                Auth = null,
                Posture = true,
                DkimSelectors = [],
            },
            errors);
    }

    /// <summary>
    /// When the domain is refused and a recipient is just postmaster@ that same domain (the default the form and the
    /// API fill in when only a domain is given), the domain's error already says what is wrong: a second error on a
    /// recipient the person never typed would only confuse.
    /// </summary>
    private static void DropDerivedRecipientErrors(CheckRequest request, List<FieldError> errors)
    {
        var requested = request.Domain?.Trim();
        if (string.IsNullOrEmpty(requested) || !errors.Exists(e => e.Field == "domain") || request.Recipients is null)
        {
            return;
        }

        for (var i = 0; i < request.Recipients.Count; i++)
        {
            var recipient = request.Recipients[i]?.Trim() ?? "";
            if (recipient.StartsWith("postmaster@", StringComparison.OrdinalIgnoreCase)
                && string.Equals(recipient["postmaster@".Length..].TrimEnd('.'), requested.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))
            {
                var field = $"to[{i}]";
                errors.RemoveAll(e => e.Field == field);
            }
        }
    }

    private static string ValidateFrom(string? from, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(from) && ControlCharacters.IndexOfForbidden(from) < 0)
        {
            return "";
        }

        return ValidateAddress("from", "The sender address", from, errors, out _) ?? "";
    }

    private static (IReadOnlyList<string> Recipients, string? FirstDomain) ValidateRecipients(IReadOnlyList<string>? recipients, List<FieldError> errors)
    {
        recipients ??= [];
        if (recipients.Count == 0)
        {
            errors.Add(new FieldError("to", "Give at least one recipient address."));
            return ([], null);
        }

        if (recipients.Count > MaxRecipients)
        {
            errors.Add(new FieldError("to", $"Give at most {MaxRecipients} recipients; there are {recipients.Count}."));
        }

        var normalized = new List<string>(recipients.Count);
        string? firstDomain = null;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < recipients.Count; i++)
        {
            var field = $"to[{i}]";
            var address = ValidateAddress(field, $"Recipient {i + 1}", recipients[i], errors, out var domain);
            if (address is null)
            {
                continue;
            }

            if (i == 0)
            {
                firstDomain = domain;
            }

            if (!seen.Add(address))
            {
                errors.Add(new FieldError(field, $"Recipient {i + 1} ({address}) is listed twice."));
                continue;
            }

            normalized.Add(address);
        }

        return (normalized, firstDomain);
    }

    private static string? ValidateAddress(string field, string label, string? value, List<FieldError> errors, out string? domain)
    {
        domain = null;
        if (!CheckText(field, label, value, errors))
        {
            return null;
        }

        var trimmed = (value ?? "").Trim();
        if (trimmed.Length > MaxAddressLength)
        {
            errors.Add(new FieldError(field, $"{label} is too long: {trimmed.Length} characters, at most {MaxAddressLength}."));
            return null;
        }

        if (!EmailAddress.TryNormalize(trimmed, out var normalized, out var addressDomain, out var reason))
        {
            errors.Add(new FieldError(field, $"{label} {reason}"));
            return null;
        }

        domain = addressDomain;
        return normalized;
    }

    private static string? ValidateDomain(string? requested, IReadOnlyList<string>? recipients, string? firstRecipientDomain, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(requested) && ControlCharacters.IndexOfForbidden(requested) < 0)
        {
            if (firstRecipientDomain is null && (recipients is null || recipients.Count == 0))
            {
                errors.Add(new FieldError("domain", "Give a domain, or a recipient address to take it from."));
            }

            // When the first recipient is invalid its own error explains why no domain could be taken from it.
            return firstRecipientDomain;
        }

        if (!CheckText("domain", "The domain", requested, errors))
        {
            return null;
        }

        if (!DomainName.TryNormalize(requested, out var normalized, out var reason))
        {
            errors.Add(new FieldError("domain", "The domain " + reason));
            return null;
        }

        return normalized;
    }

    private static string ValidateSubject(string? subject, List<FieldError> errors)
    {
        subject ??= "";
        if (CheckText("subject", "The subject", subject, errors) && subject.Length > MaxSubjectLength)
        {
            errors.Add(new FieldError("subject", $"The subject is too long: {subject.Length} characters, at most {MaxSubjectLength}."));
        }

        return subject;
    }

    private static string ValidateBody(string? body, List<FieldError> errors)
    {
        body ??= "";
        var surrogate = IndexOfLoneSurrogate(body);
        if (surrogate >= 0)
        {
            errors.Add(new FieldError("body", $"The body has a broken character (an unpaired UTF-16 surrogate) at position {surrogate + 1}."));
            return body;
        }

        var bytes = Encoding.UTF8.GetByteCount(body);
        if (bytes > MaxBodyBytes)
        {
            errors.Add(new FieldError("body", $"The body is too long: {bytes:N0} bytes in UTF-8, at most {MaxBodyBytes:N0} (64 KiB)."));
        }

        return body;
    }

    private static string? ValidateEhloName(string? ehloName, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(ehloName) && ControlCharacters.IndexOfForbidden(ehloName) < 0)
        {
            return null;
        }

        if (!CheckText("ehloName", "The EHLO name", ehloName, errors))
        {
            return null;
        }

        var trimmed = ehloName!.Trim();
        if (trimmed.Length > MaxEhloNameLength)
        {
            errors.Add(new FieldError("ehloName", $"The EHLO name is too long: {trimmed.Length} characters, at most {MaxEhloNameLength}."));
            return null;
        }

        if (!DomainName.TryNormalize(trimmed, out var normalized, out var reason))
        {
            errors.Add(new FieldError("ehloName", "The EHLO name must be a host name (e.g. mail.example.com) or an address literal (e.g. [192.0.2.1]); it " + reason));
            return null;
        }

        return DomainName.ToAscii(normalized);
    }

    /// <summary>
    /// DKIM selectors (RFC 6376 §3.1: dot-separated labels of letters, digits and hyphens; underscores are tolerated as
    /// DNS allows them in TXT owner names), lower-cased, duplicates dropped, at most <see cref="MaxDkimSelectors"/>.
    /// </summary>
    private static List<string> ValidateDkimSelectors(IReadOnlyList<string>? selectors, List<FieldError> errors)
    {
        if (selectors is null || selectors.Count == 0)
        {
            return [];
        }

        if (selectors.Count > MaxDkimSelectors)
        {
            errors.Add(new FieldError("dkimSelectors", $"Give at most {MaxDkimSelectors} DKIM selectors; there are {selectors.Count}."));
            return [];
        }

        var result = new List<string>(selectors.Count);
        for (var i = 0; i < selectors.Count; i++)
        {
            var field = $"dkimSelectors[{i}]";
            var value = selectors[i]?.Trim() ?? "";
            if (value.Length == 0)
            {
                errors.Add(new FieldError(field, "A DKIM selector must not be empty."));
                continue;
            }

            if (value.Length > MaxDkimSelectorLength)
            {
                errors.Add(new FieldError(field, $"The DKIM selector is too long: {value.Length} characters, at most {MaxDkimSelectorLength}."));
                continue;
            }

            var labels = value.Split('.');
            var bad = labels.FirstOrDefault(l => l.Length is 0 or > 63 || l.StartsWith('-') || l.EndsWith('-')
                || !l.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'));
            if (bad is not null)
            {
                errors.Add(new FieldError(field, "This is not a DKIM selector: use labels of letters, digits and hyphens separated by dots, e.g. selector1 or 2024.mail (RFC 6376 §3.1)."));
                continue;
            }

            var lower = value.ToLowerInvariant();
            if (!result.Contains(lower, StringComparer.Ordinal))
            {
                result.Add(lower);
            }
        }

        return result;
    }

    private static SmtpCredentials? ValidateAuth(SmtpCredentials? auth, List<FieldError> errors)
    {
        if (auth is null)
        {
            return null;
        }

        var username = auth.Username ?? "";
        var password = auth.Password ?? "";
        var ok = CheckText("auth.username", "The AUTH username", username, errors);
        ok &= CheckText("auth.password", "The AUTH password", password, errors);
        if (username.Length > MaxCredentialLength)
        {
            errors.Add(new FieldError("auth.username", $"The AUTH username is too long: at most {MaxCredentialLength} characters."));
            ok = false;
        }

        if (password.Length > MaxCredentialLength)
        {
            errors.Add(new FieldError("auth.password", $"The AUTH password is too long: at most {MaxCredentialLength} characters."));
            ok = false;
        }

        if (username.Length == 0 && password.Length == 0)
        {
            return null;
        }

        if (username.Length == 0)
        {
            errors.Add(new FieldError("auth.username", "Give the AUTH username too, or leave both username and password empty."));
            ok = false;
        }
        else if (password.Length == 0)
        {
            errors.Add(new FieldError("auth.password", "Give the AUTH password too, or leave both username and password empty."));
            ok = false;
        }

        return ok ? new SmtpCredentials(username, password) : null;
    }

    /// <summary>Refuses control characters and broken UTF-16; the message never repeats the value (it may be a secret).</summary>
    private static bool CheckText(string field, string label, string? value, List<FieldError> errors)
    {
        var index = ControlCharacters.IndexOfForbidden(value);
        if (index >= 0)
        {
            errors.Add(new FieldError(field, $"{label} contains {ControlCharacters.Describe(value![index])} at position {index + 1}. "
                + "Line breaks, tabs and other control characters are not allowed here: they could inject SMTP commands or headers."));
            return false;
        }

        var surrogate = IndexOfLoneSurrogate(value);
        if (surrogate >= 0)
        {
            errors.Add(new FieldError(field, $"{label} has a broken character (an unpaired UTF-16 surrogate) at position {surrogate + 1}."));
            return false;
        }

        return true;
    }

    private static int IndexOfLoneSurrogate(string? value)
    {
        if (value is null)
        {
            return -1;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
