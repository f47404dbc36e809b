using MailCheck.Core.Dns;

namespace MailCheck.Core.Checks;

/// <summary>The transcript line for an MX lookup.</summary>
internal static class MxText
{
    public static string Describe(MxLookup lookup)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return lookup.Status switch
        {
            MxLookupStatus.NullMx => $"{lookup.Domain} publishes a null MX (RFC 7505): it accepts no mail.",
            // The resolver's reasons are sentences of their own (with a full stop): end with exactly one.
            MxLookupStatus.NoMailService => "No mail service: " + OutcomeText.FullStop(lookup.Reason ?? $"{lookup.Domain} has no MX and no address records"),
            MxLookupStatus.Error => $"MX lookup for {lookup.Domain} failed: " + OutcomeText.FullStop(lookup.Reason ?? "unknown error"),
            _ when lookup.Implicit => $"No MX for {lookup.Domain}: using the domain itself (implicit MX, RFC 5321 §5.1): {Hosts(lookup.Hosts)}",
            _ => $"MX for {lookup.Domain}: {Hosts(lookup.Hosts)}",
        };
    }

    private static string Hosts(IReadOnlyList<MxHost> hosts) =>
        string.Join("; ", hosts.Select(h => h.Addresses.Count > 0
            ? $"{h.Preference} {h.Host} [{string.Join(", ", h.Addresses.Select(a => a.Address))}]"
            : $"{h.Preference} {h.Host} [no address{(h.Error is null ? "" : ": " + h.Error)}]"));
}
