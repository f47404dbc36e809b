namespace MailCheck.Core.Comparison;

/// <summary>
/// What changed between two checks (<c>GET /api/checks/{a}/compare/{b}</c> and the side-by-side page), read from
/// the earlier one to the later one whatever the order they were named in. Only differences are listed;
/// <see cref="Unchanged"/> names what was compared and found the same. Built by <see cref="CheckComparer"/>.
/// </summary>
public sealed record CheckComparison
{
    /// <summary>The earlier check.</summary>
    public required CheckComparisonSide Before { get; init; }

    /// <summary>The later check.</summary>
    public required CheckComparisonSide After { get; init; }

    /// <summary>True when both checks tested the same domain.</summary>
    public required bool SameDomain { get; init; }

    /// <summary>What to keep in mind: different domains, modes, ports or scopes; a check still running.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Every difference, by area (outcome, MX, addresses, capabilities, certificate, TLS, replies, timing, scorecard).</summary>
    public IReadOnlyList<ComparisonChange> Changes { get; init; } = [];

    /// <summary>The areas compared that show no difference.</summary>
    public IReadOnlyList<ComparisonArea> Unchanged { get; init; } = [];

    /// <summary>"Everything else is the same: MX hosts, addresses, certificate ...", or null when every area changed.</summary>
    public string? UnchangedText { get; init; }

    /// <summary>The threshold below which a timing difference is noise (see <see cref="CheckComparer.IsBeyondNoise"/>).</summary>
    public string TimingNoise { get; init; } = CheckComparer.NoiseRule;
}
