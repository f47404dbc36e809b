using MailCheck.Core.Dns;

namespace MailCheck.Core.Posture.Dmarc;

/// <summary>
/// Identifier alignment (RFC 9989 §4.4): strict means the authenticated identifier is the author domain itself
/// (§3.2.10.2, compared without regard to case, RFC 4343); relaxed means the two have the same organizational domain
/// (§3.2.10.1), found by the DNS tree walk (§4.10.2).
/// </summary>
public static class DmarcAlignment
{
    /// <summary>Alignment when both organizational domains are already known (no DNS).</summary>
    public static bool IsAligned(string authorDomain, string identifier, DmarcAlignmentMode mode, string authorOrganizationalDomain, string identifierOrganizationalDomain)
    {
        ArgumentNullException.ThrowIfNull(authorOrganizationalDomain);
        ArgumentNullException.ThrowIfNull(identifierOrganizationalDomain);
        if (Same(authorDomain, identifier))
        {
            return true;
        }

        return mode == DmarcAlignmentMode.Relaxed && Same(authorOrganizationalDomain, identifierOrganizationalDomain);
    }

    /// <summary>
    /// Alignment of <paramref name="identifier"/> with <paramref name="authorDomain"/>, walking the DNS for the
    /// organizational domains when relaxed alignment needs them (identical names need no query, RFC 9989 §4.10.2).
    /// </summary>
    public static async Task<DmarcAlignmentCheck> CheckAsync(CheckDns dns, string authorDomain, string identifier, DmarcAlignmentMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var author = DnsNames.Normalize(authorDomain);
        var id = DnsNames.Normalize(identifier);
        var modeName = mode == DmarcAlignmentMode.Strict ? "strict" : "relaxed";
        if (Same(author, id))
        {
            return new DmarcAlignmentCheck
            {
                Identifier = id,
                Mode = mode,
                Aligned = true,
                Explanation = $"{id} is the author domain itself: aligned in {modeName} mode (RFC 9989 §4.4)",
            };
        }

        if (mode == DmarcAlignmentMode.Strict)
        {
            return new DmarcAlignmentCheck
            {
                Identifier = id,
                Mode = mode,
                Aligned = false,
                Explanation = $"{id} is not {author}, and strict alignment needs the identical domain (RFC 9989 §3.2.10.2)",
            };
        }

        var authorWalk = await DmarcDiscovery.WalkAsync(dns, author, cancellationToken).ConfigureAwait(false);
        var idWalk = await DmarcDiscovery.WalkAsync(dns, id, cancellationToken).ConfigureAwait(false);
        var authorOrg = authorWalk.OrganizationalDomain;
        var idOrg = idWalk.OrganizationalDomain;
        if (authorOrg is null || idOrg is null)
        {
            var failed = (authorWalk.FailedStep ?? idWalk.FailedStep)!;
            return new DmarcAlignmentCheck
            {
                Identifier = id,
                Mode = mode,
                Aligned = null,
                AuthorOrganizationalDomain = authorOrg,
                IdentifierOrganizationalDomain = idOrg,
                Explanation = $"could not tell whether {id} aligns with {author}: the query for {failed.Name} failed ({failed.Answer}), so an organizational domain is unknown (RFC 9989 §4.10.2)",
            };
        }

        var aligned = Same(authorOrg, idOrg);
        return new DmarcAlignmentCheck
        {
            Identifier = id,
            Mode = mode,
            Aligned = aligned,
            AuthorOrganizationalDomain = authorOrg,
            IdentifierOrganizationalDomain = idOrg,
            Explanation = aligned
                ? $"{id} and {author} share the organizational domain {authorOrg}: aligned in relaxed mode (RFC 9989 §3.2.10.1)"
                : $"{id} (organizational domain {idOrg}) and {author} (organizational domain {authorOrg}) are not in the same organization: not aligned (RFC 9989 §3.2.10.1)",
        };
    }

    private static bool Same(string a, string b) => string.Equals(DnsText.TrimDot(a), DnsText.TrimDot(b), StringComparison.OrdinalIgnoreCase);
}
