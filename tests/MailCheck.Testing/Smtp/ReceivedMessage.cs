using System.Net;
using MimeKit;

namespace MailCheck.Testing.Smtp;

/// <summary>A message <see cref="TestSmtpServer"/> accepted, exactly as received after DATA.</summary>
/// <param name="From">The envelope sender (MAIL FROM), empty for the null sender.</param>
/// <param name="To">The envelope recipients (RCPT TO) that were accepted.</param>
/// <param name="Raw">The message bytes as received (dot-stuffing removed, CRLF line endings).</param>
/// <param name="LocalEndPoint">The server address and port the client connected to.</param>
/// <param name="Secure">True when the session was under TLS.</param>
/// <param name="AuthenticatedUser">The AUTH username, when the client authenticated.</param>
public sealed record ReceivedMessage(
    string From,
    IReadOnlyList<string> To,
    byte[] Raw,
    IPEndPoint? LocalEndPoint,
    bool Secure,
    string? AuthenticatedUser)
{
    /// <summary>Parses <see cref="Raw"/> with MimeKit.</summary>
    public MimeMessage ToMimeMessage()
    {
        using var stream = new MemoryStream(Raw, writable: false);
        return MimeMessage.Load(stream);
    }

    /// <summary>The value of the first header named <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => ToMimeMessage().Headers[name];
}
