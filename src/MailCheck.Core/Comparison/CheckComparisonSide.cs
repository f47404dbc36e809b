using MailCheck.Core.Checks;

namespace MailCheck.Core.Comparison;

/// <summary>One of the two checks compared, as the comparison heads it.</summary>
public sealed record CheckComparisonSide
{
    public required string Id { get; init; }

    public string? Domain { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required CheckStatus Status { get; init; }

    public CheckOutcome? Outcome { get; init; }

    public string? Summary { get; init; }

    public CheckMode Mode { get; init; }

    public CheckScope Scope { get; init; }

    public int Port { get; init; }

    public TlsPolicy Tls { get; init; }
}
