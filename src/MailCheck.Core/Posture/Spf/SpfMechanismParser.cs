using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace MailCheck.Core.Posture.Spf;

/// <summary>The arguments of each mechanism (RFC 7208 §5.1–§5.7): domain-specs and CIDR lengths.</summary>
internal static partial class SpfMechanismParser
{
    /// <summary>
    /// Reads what follows the mechanism name (<paramref name="rest"/>, starting at <paramref name="position"/> in the
    /// record) into <paramref name="mechanism"/>.
    /// </summary>
    public static bool TryComplete(SpfMechanism mechanism, string rest, int position, [NotNullWhen(true)] out SpfTerm? parsed, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        parsed = null;
        var term = mechanism.Text;
        var name = mechanism.Kind.ToString().ToLowerInvariant();
        switch (mechanism.Kind)
        {
            case SpfMechanismKind.All:
                if (rest.Length > 0)
                {
                    error = new SpfSyntaxError($"all takes no argument or CIDR length: write just all, -all or ~all (RFC 7208 §5.1)", position, term);
                    return false;
                }

                parsed = mechanism;
                error = null;
                return true;

            case SpfMechanismKind.Include or SpfMechanismKind.Exists:
                var section = mechanism.Kind == SpfMechanismKind.Include ? "§5.2" : "§5.7";
                if (!rest.StartsWith(':'))
                {
                    error = new SpfSyntaxError($"{name} needs a domain: {name}:example.com (RFC 7208 {section})", position, term);
                    return false;
                }

                if (!TryDomainSpec(rest[1..], position + 1, term, name, section, out var target, out error))
                {
                    return false;
                }

                parsed = mechanism with { DomainSpec = target };
                return true;

            case SpfMechanismKind.Ptr:
                if (rest.StartsWith('/'))
                {
                    error = new SpfSyntaxError("ptr takes no CIDR length (RFC 7208 §5.5)", position, term);
                    return false;
                }

                if (rest.Length == 0)
                {
                    parsed = mechanism;
                    error = null;
                    return true;
                }

                if (!TryDomainSpec(rest[1..], position + 1, term, name, "§5.5", out var ptrTarget, out error))
                {
                    return false;
                }

                parsed = mechanism with { DomainSpec = ptrTarget };
                return true;

            case SpfMechanismKind.A or SpfMechanismKind.Mx:
                return TryAddressMechanism(mechanism, rest, position, name, out parsed, out error);

            default:
                return TryNetwork(mechanism, rest, position, out parsed, out error);
        }
    }

    /// <summary>a and mx: [":" domain-spec] [dual-cidr-length] (RFC 7208 §5.3, §5.4).</summary>
    private static bool TryAddressMechanism(SpfMechanism mechanism, string rest, int position, string name, [NotNullWhen(true)] out SpfTerm? parsed, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        parsed = null;
        var section = mechanism.Kind == SpfMechanismKind.A ? "§5.3" : "§5.4";
        SpfMacroString? domain = null;
        var cidr = rest;
        var cidrPosition = position;
        if (rest.StartsWith(':'))
        {
            var split = DomainAndCidr().Match(rest[1..]);
            var spec = split.Groups["domain"].Value;
            cidr = split.Groups["cidr"].Value;
            cidrPosition = position + 1 + spec.Length;
            if (!TryDomainSpec(spec, position + 1, mechanism.Text, name, section, out domain, out error))
            {
                return false;
            }
        }

        var lengths = DualCidr().Match(cidr);
        if (!lengths.Success)
        {
            error = new SpfSyntaxError($"'{cidr}' is not a CIDR length: write /24 for IPv4, //64 for IPv6, or /24//64 for both (RFC 7208 {section})", cidrPosition, mechanism.Text);
            return false;
        }

        var ip4 = 32;
        var ip6 = 128;
        if (lengths.Groups["v4"].Success && !SpfRecordParser.TryParseLength(lengths.Groups["v4"].Value, 32, out ip4))
        {
            error = new SpfSyntaxError($"/{lengths.Groups["v4"].Value} is not an IPv4 prefix length: use 0 to 32, without leading zeros (RFC 7208 {section}, §5.6)", cidrPosition, mechanism.Text);
            return false;
        }

        if (lengths.Groups["v6"].Success && !SpfRecordParser.TryParseLength(lengths.Groups["v6"].Value, 128, out ip6))
        {
            error = new SpfSyntaxError($"//{lengths.Groups["v6"].Value} is not an IPv6 prefix length: use 0 to 128, without leading zeros (RFC 7208 {section}, §5.6)", cidrPosition, mechanism.Text);
            return false;
        }

        parsed = mechanism with { DomainSpec = domain, Ip4Prefix = ip4, Ip6Prefix = ip6 };
        error = null;
        return true;
    }

    /// <summary>ip4 and ip6: ":" network [cidr-length] (RFC 7208 §5.6).</summary>
    private static bool TryNetwork(SpfMechanism mechanism, string rest, int position, [NotNullWhen(true)] out SpfTerm? parsed, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        parsed = null;
        var v4 = mechanism.Kind == SpfMechanismKind.Ip4;
        var name = v4 ? "ip4" : "ip6";
        var example = v4 ? "ip4:192.0.2.0/24" : "ip6:2001:db8::/32";
        if (!rest.StartsWith(':') || rest.Length == 1)
        {
            error = new SpfSyntaxError($"{name} needs an address: {example} (RFC 7208 §5.6)", position, mechanism.Text);
            return false;
        }

        var value = rest[1..];
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var network = slash < 0 ? value : value[..slash];
        var length = slash < 0 ? null : value[(slash + 1)..];
        if (!TryAddress(network, v4, out var address, out var problem))
        {
            error = new SpfSyntaxError(problem, position + 1, mechanism.Text);
            return false;
        }

        var max = v4 ? 32 : 128;
        var prefix = max;
        if (length is not null && !SpfRecordParser.TryParseLength(length, max, out prefix))
        {
            var why = length.StartsWith('/')
                ? $"{name} takes one CIDR length; the dual form '//' is only for a and mx"
                : $"/{length} is not an {(v4 ? "IPv4" : "IPv6")} prefix length: use 0 to {max}, without leading zeros";
            error = new SpfSyntaxError(why + " (RFC 7208 §5.6)", position + 1 + slash, mechanism.Text);
            return false;
        }

        parsed = mechanism with { Network = address, Ip4Prefix = v4 ? prefix : 32, Ip6Prefix = v4 ? 128 : prefix };
        error = null;
        return true;
    }

    private static bool TryAddress(string text, bool v4, [NotNullWhen(true)] out IPAddress? address, out string problem)
    {
        address = null;
        if (v4)
        {
            if (IsDottedQuad(text) && IPAddress.TryParse(text, out address))
            {
                problem = "";
                return true;
            }

            var parts = text.Split('.');
            problem = text.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(text, out var other) && other.AddressFamily == AddressFamily.InterNetworkV6
                ? $"'{text}' is an IPv6 address: write ip6:{text} (RFC 7208 §5.6)"
                : parts.Length < 4 && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
                    ? $"'{text}' is not a whole IPv4 address: write all four numbers and a prefix length, e.g. ip4:{string.Join('.', parts.Concat(Enumerable.Repeat("0", 4 - parts.Length)))}/{8 * parts.Length} (RFC 7208 §5.6)"
                    : $"'{text}' is not an IPv4 address in dotted-quad form, e.g. 192.0.2.10, with no port or leading zeros (RFC 7208 §5.6)";
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal) && !text.Contains('%', StringComparison.Ordinal) && !text.Contains('[', StringComparison.Ordinal)
            && IPAddress.TryParse(text, out address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            problem = "";
            return true;
        }

        address = null;
        problem = IsDottedQuad(text)
            ? $"'{text}' is an IPv4 address: write ip4:{text} (RFC 7208 §5.6)"
            : $"'{text}' is not an IPv6 address (RFC 4291 §2.2; RFC 7208 §5.6)";
        return false;
    }

    /// <summary>ip4-network of RFC 7208 §5.6: four numbers 0–255 without leading zeros.</summary>
    private static bool IsDottedQuad(string text)
    {
        var parts = text.Split('.');
        return parts.Length == 4 && parts.All(p => p.Length is >= 1 and <= 3 && p.All(char.IsAsciiDigit) && (p.Length == 1 || p[0] != '0') && int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) <= 255);
    }

    private static bool TryDomainSpec(string spec, int position, string term, string name, string section, [NotNullWhen(true)] out SpfMacroString? domain, [NotNullWhen(false)] out SpfSyntaxError? error)
    {
        domain = null;
        if (spec.Length == 0)
        {
            error = new SpfSyntaxError($"{name}: needs a domain after the ':' (RFC 7208 {section})", position, term);
            return false;
        }

        if (SpfMacroString.TryParse(spec, SpfMacroUse.DomainSpec, out domain, out var macroError))
        {
            error = null;
            return true;
        }

        if (SpfRecordParser.AddressInsteadOfDomain(spec) is { } instead)
        {
            error = new SpfSyntaxError($"'{spec}' is an IP address, not a domain: write {instead} (RFC 7208 §5.6; a domain's last label cannot be all digits, §7.1)", position, term);
            return false;
        }

        if (name is "include" or "exists" or "ptr" && TrailingCidr().IsMatch(spec))
        {
            error = new SpfSyntaxError($"{name} takes no CIDR length (RFC 7208 {section})", position + spec.LastIndexOf('/'), term);
            return false;
        }

        error = new SpfSyntaxError(macroError.Message, position + macroError.Position, term);
        return false;
    }

    /// <summary>A domain-spec followed by an optional dual CIDR length (the shortest domain that leaves a valid CIDR tail).</summary>
    [GeneratedRegex("^(?<domain>.*?)(?<cidr>(?:/[0-9]+)?(?://[0-9]+)?)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex DomainAndCidr();

    [GeneratedRegex("^(?:/(?<v4>[0-9]+))?(?://(?<v6>[0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DualCidr();

    [GeneratedRegex("/[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingCidr();
}
