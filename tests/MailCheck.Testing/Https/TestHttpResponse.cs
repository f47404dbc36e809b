using System.Text;

namespace MailCheck.Testing.Https;

/// <summary>What a <see cref="TestHttpsServer"/> answers.</summary>
public sealed record TestHttpResponse
{
    public int Status { get; init; } = 200;

    /// <summary>The Content-Type header; null sends none.</summary>
    public string? ContentType { get; init; } = "text/plain";

    public byte[] Body { get; init; } = [];

    /// <summary>More headers, e.g. Location.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>Wait this long after the request before answering.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Send no Content-Length: the body ends when the connection closes.</summary>
    public bool OmitContentLength { get; init; }

    /// <summary>200 text/plain with <paramref name="text"/> (UTF-8).</summary>
    public static TestHttpResponse Text(string text, string? contentType = "text/plain") =>
        new() { ContentType = contentType, Body = Encoding.UTF8.GetBytes(text) };
}
