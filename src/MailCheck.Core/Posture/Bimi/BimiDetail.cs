using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.Bimi;

/// <summary>The data of the <c>bimi</c> event.</summary>
public sealed record BimiDetail : PostureDetail
{
    public required string Domain { get; init; }

    /// <summary>Where the record that applies was found (<c>default._bimi.&lt;domain or organizational domain&gt;</c>), if any.</summary>
    public string? Name { get; init; }

    public string? Record { get; init; }

    /// <summary>The logo URI (not fetched).</summary>
    public string? Location { get; init; }

    /// <summary>The mark certificate URI (not fetched).</summary>
    public string? Evidence { get; init; }
}
