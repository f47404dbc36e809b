namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// DMARC policy discovery for one author domain (RFC 9989 §4.10.1): the record that applies, where it was found, the
/// organizational domain, and every query of the tree walk.
/// </summary>
public sealed record DmarcDiscoveryResult
{
    /// <summary>The author domain (ASCII, lower case).</summary>
    public required string Domain { get; init; }

    public required DmarcDiscoveryStatus Status { get; init; }

    /// <summary>The DMARC Policy Record that applies, when <see cref="Status"/> is Found.</summary>
    public DmarcRecord? Record { get; init; }

    /// <summary>The DMARC Policy Domain (RFC 9989 §3.2.5): where <see cref="Record"/> was found.</summary>
    public string? PolicyDomain { get; init; }

    /// <summary>The author domain's organizational domain (RFC 9989 §4.10.2); null when the walk could not finish.</summary>
    public string? OrganizationalDomain { get; init; }

    /// <summary>The tree walk behind the result.</summary>
    public required DmarcTreeWalk Walk { get; init; }

    /// <summary>True when the record is not the author domain's own but its organizational domain's or PSD's.</summary>
    public bool Inherited => Record is not null && !string.Equals(PolicyDomain, Domain, StringComparison.Ordinal);

    /// <summary>The organizational domain of <see cref="PolicyDomain"/> (what report authorization compares, RFC 9990 §4).</summary>
    public string? PolicyOrganizationalDomain =>
        PolicyDomain is null ? null
        : Inherited ? PolicyDomain
        : OrganizationalDomain;

    /// <summary>
    /// The policy for mail from <see cref="Domain"/> that fails DMARC (RFC 9989 §4.10.1): <c>p</c> of the domain's own
    /// record; of an inherited record, <c>sp</c> when the domain exists and <c>np</c> when it does not, each falling back to
    /// <c>p</c> (and <c>np</c> to <c>sp</c> first, §4.7). A record whose <c>p</c>, <c>sp</c> or <c>np</c> is invalid acts as
    /// <c>p=none</c> when its <c>rua</c> holds a valid URI; otherwise no DMARC processing applies and this returns null, as
    /// it does without a record.
    /// </summary>
    /// <param name="domainExists">Whether the author domain exists (RFC 9989 §3.2.13: NXDOMAIN means not); null when unknown (read as existing).</param>
    public DmarcAppliedPolicy? PolicyFor(bool? domainExists = true)
    {
        if (Record is not { } record)
        {
            return null;
        }

        if (record.HasInvalidPolicy)
        {
            return record.HasValidAggregateReportUri
                ? new DmarcAppliedPolicy
                {
                    Policy = DmarcPolicy.None,
                    Tag = "p",
                    Reason = "the record's p, sp or np is not a valid policy, and it lists a valid rua, so receivers act as if it said p=none (RFC 9989 §4.10.1)",
                }
                : null;
        }

        if (!Inherited)
        {
            return new DmarcAppliedPolicy
            {
                Policy = record.Policy ?? DmarcPolicy.None,
                Tag = "p",
                Testing = record.Testing,
                Reason = record.Policy is null
                    ? $"{Domain} publishes its own record, which has no p tag: it is treated as p=none (RFC 9989 §4.7)"
                    : $"{Domain} publishes its own record, so its p tag applies (RFC 9989 §4.10.1)",
            };
        }

        if (domainExists == false && record.NonExistentPolicy is { } np)
        {
            return Applied(np, "np", $"{Domain} does not exist (NXDOMAIN), so the np tag of {PolicyDomain}'s record applies (RFC 9989 §4.10.1)");
        }

        if (record.SubdomainPolicy is { } sp)
        {
            return Applied(sp, "sp", domainExists == false
                ? $"{Domain} does not exist and {PolicyDomain}'s record has no np tag, so its sp tag applies (RFC 9989 §4.7)"
                : $"{Domain} is a subdomain of {PolicyDomain} with no record of its own, so the sp tag of {PolicyDomain}'s record applies (RFC 9989 §4.10.1)");
        }

        return Applied(record.Policy ?? DmarcPolicy.None, "p",
            $"{Domain} has no record of its own and {PolicyDomain}'s record has no {(domainExists == false ? "np or sp" : "sp")} tag, so its p tag applies to subdomains too (RFC 9989 §4.10.1)");

        DmarcAppliedPolicy Applied(DmarcPolicy policy, string tag, string reason) =>
            new() { Policy = policy, Tag = tag, Testing = record.Testing, Reason = reason };
    }
}
