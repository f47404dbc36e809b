using MailCheck.Core.Checks;

namespace MailCheck.Web.Data;

/// <summary>A page of history: newest first, optionally filtered.</summary>
/// <param name="Domain">Only checks whose domain contains this text (case-insensitive).</param>
/// <param name="Outcome">Only checks that ended so.</param>
/// <param name="Skip">Rows to skip.</param>
/// <param name="Take">Rows to return (1 to 500).</param>
public sealed record CheckQuery(string? Domain = null, CheckOutcome? Outcome = null, int Skip = 0, int Take = 50)
{
    /// <summary>True: only checks whose domain is exactly <see cref="Domain"/> (the earlier checks of one domain).</summary>
    public bool ExactDomain { get; init; }

    /// <summary>Only checks created before this moment.</summary>
    public DateTimeOffset? CreatedBefore { get; init; }
}
