using System.Globalization;
using System.Net;
using MailCheck.Core.Checks;

namespace MailCheck.Core.Net;

/// <summary>
/// The enqueue-side safety check: the web calls it before accepting a request, so a request the engine would
/// refuse is refused at once with a message per field and nothing is queued.
/// </summary>
public static class SafetyGuard
{
    /// <summary>What every refused send request is told while <see cref="SafetyOptions.AllowSend"/> is false.</summary>
    public const string SendDisabledMessage = "This MailCheck instance does not send messages; use probe or connect.";

    /// <summary>Checks the port, the mode and an address-literal domain against <paramref name="options"/>.</summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are malformed.</exception>
    public static IReadOnlyList<FieldError> CheckRequest(CheckRequest request, SafetyOptions options) =>
        CheckRequest(request, new SafetyTargetPolicy(options));

    /// <summary>Checks the port, the mode and an address-literal domain against a policy built once at start-up.</summary>
    public static IReadOnlyList<FieldError> CheckRequest(CheckRequest request, SafetyTargetPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var errors = new List<FieldError>();

        var port = policy.EvaluatePort(request.Port);
        if (!port.Allowed)
        {
            errors.Add(new FieldError("port", string.Create(
                CultureInfo.InvariantCulture,
                $"Port {request.Port} is not allowed (allowed: {string.Join(", ", policy.AllowedPorts)}).")));
        }

        if (request.Mode == CheckMode.Send && !policy.AllowSend)
        {
            errors.Add(new FieldError("mode", SendDisabledMessage));
        }

        var (field, domain) = string.IsNullOrWhiteSpace(request.Domain)
            ? ("to", DomainOf(request.Recipients.Count > 0 ? request.Recipients[0] : null))
            : ("domain", request.Domain);
        if (TryParseAddressLiteral(domain, out var address))
        {
            var decision = policy.EvaluateAddress(address);
            if (!decision.Allowed)
            {
                errors.Add(new FieldError(field, decision.Reason ?? $"{address} is not allowed"));
            }
        }

        return errors;
    }

    /// <summary>
    /// Reads a domain that is an IP address: an RFC 5321 address literal (<c>[192.0.2.1]</c>,
    /// <c>[IPv6:2001:db8::1]</c>) or a bare address. Parsing is deliberately lenient (<c>[127.1]</c> is 127.0.0.1):
    /// whatever some resolver could read as an address is checked as that address.
    /// </summary>
    public static bool TryParseAddressLiteral(string? domain, out IPAddress address)
    {
        address = IPAddress.None;
        var text = domain?.Trim().TrimEnd('.');
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        if (text.Length >= 2 && text[0] == '[' && text[^1] == ']')
        {
            text = text[1..^1].Trim();
            if (text.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
            {
                text = text[5..];
            }
        }

        if (!IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = parsed;
        return true;
    }

    private static string? DomainOf(string? recipient)
    {
        var at = recipient?.LastIndexOf('@') ?? -1;
        return at >= 0 ? recipient![(at + 1)..].Trim().TrimEnd('>') : null;
    }
}
