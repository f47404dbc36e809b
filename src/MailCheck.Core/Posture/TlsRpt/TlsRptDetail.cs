using MailCheck.Core.Scorecard;

namespace MailCheck.Core.Posture.TlsRpt;

/// <summary>The data of the <c>tlsRpt</c> event.</summary>
public sealed record TlsRptDetail : PostureDetail
{
    public required string Domain { get; init; }

    /// <summary>The name asked: <c>_smtp._tls.&lt;domain&gt;</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Every TXT record there.</summary>
    public IReadOnlyList<string> Records { get; init; } = [];

    /// <summary>The report destinations of the one valid record.</summary>
    public IReadOnlyList<string> Rua { get; init; } = [];
}
