using System.Security.Cryptography.X509Certificates;

namespace MailCheck.Testing.Scripted;

/// <summary>
/// A standard, configurable SMTP server dialogue for a <see cref="ScriptedSmtpServer"/>. Every reply has a sensible
/// default; <see cref="OnCommand"/> overrides any of them by returning a reply (lines separated by "\n"),
/// <see cref="Drop"/> to close the connection, <see cref="Silence"/> to never answer, or null for the default.
/// The final "." of DATA is offered to <see cref="OnCommand"/> as the command ".".
/// </summary>
public sealed class SmtpDialogue
{
    /// <summary>Close the connection instead of replying.</summary>
    public const string Drop = "<drop>";

    /// <summary>Never reply; wait until the client goes away.</summary>
    public const string Silence = "<silence>";

    public string HostName { get; init; } = "mx.test";

    /// <summary>The greeting, or <see cref="Drop"/> / <see cref="Silence"/>.</summary>
    public string Banner { get; init; } = "220 mx.test ESMTP scripted";

    /// <summary>The extension lines of the EHLO reply (after the greeting line).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = ["PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES", "SMTPUTF8"];

    /// <summary>AUTH mechanisms to offer (e.g. "PLAIN LOGIN"); none when null.</summary>
    public string? AuthMechanisms { get; init; }

    /// <summary>When set, STARTTLS is offered (before TLS) and handled with this certificate.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Certificates sent after <see cref="Certificate"/> in the handshake (intermediates, a root).</summary>
    public X509Certificate2Collection? CertificateChain { get; init; }

    /// <summary>Bytes sent right after the 220 to STARTTLS, before the handshake (an injection attack).</summary>
    public string? InjectAfterStartTls { get; init; }

    /// <summary>The reply to the final "." of DATA.</summary>
    public string FinalReply { get; init; } = "250 2.0.0 Ok: queued as ABC123";

    /// <summary>Overrides replies; see the class remarks.</summary>
    public Func<string, string?>? OnCommand { get; init; }

    public async Task RunAsync(ScriptedConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!await ReplyOrStopAsync(connection, Banner))
        {
            return;
        }

        while (await connection.ReadLineAsync() is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var reply = OnCommand?.Invoke(line) ?? Default(verb, line, connection.Secure);
            if (!await ReplyOrStopAsync(connection, reply))
            {
                return;
            }

            if (verb == "QUIT" && reply.StartsWith("221", StringComparison.Ordinal))
            {
                return;
            }

            if (verb == "STARTTLS" && reply.StartsWith("220", StringComparison.Ordinal) && Certificate is not null)
            {
                if (InjectAfterStartTls is not null)
                {
                    await connection.SendRawAsync(InjectAfterStartTls);
                }

                await connection.StartTlsAsync(Certificate, CertificateChain);
            }
            else if (verb == "DATA" && reply.StartsWith("354", StringComparison.Ordinal))
            {
                if (await connection.ReadDataAsync() is null)
                {
                    return;
                }

                if (!await ReplyOrStopAsync(connection, OnCommand?.Invoke(".") ?? FinalReply))
                {
                    return;
                }
            }
            else if (verb == "AUTH" && line.StartsWith("AUTH LOGIN", StringComparison.OrdinalIgnoreCase) && reply.StartsWith("334", StringComparison.Ordinal))
            {
                if (await connection.ReadLineAsync() is null)
                {
                    return;
                }

                await connection.ReplyAsync("334 UGFzc3dvcmQ6");
                if (await connection.ReadLineAsync() is null)
                {
                    return;
                }

                await connection.ReplyAsync("235 2.7.0 Authentication successful");
            }
        }
    }

    private string Default(string verb, string line, bool secure) => verb switch
    {
        "EHLO" => EhloReply(secure),
        "HELO" => $"250 {HostName}",
        "STARTTLS" => Certificate is null ? "502 5.5.1 STARTTLS not available" : "220 2.0.0 Ready to start TLS",
        "AUTH" when AuthMechanisms is null => "503 5.5.1 AUTH not available",
        "AUTH" when line.StartsWith("AUTH LOGIN", StringComparison.OrdinalIgnoreCase) => "334 VXNlcm5hbWU6",
        "AUTH" => "235 2.7.0 Authentication successful",
        "MAIL" => "250 2.1.0 Ok",
        "RCPT" => "250 2.1.5 Ok",
        "DATA" => "354 End data with <CR><LF>.<CR><LF>",
        "RSET" => "250 2.0.0 Ok",
        "NOOP" => "250 2.0.0 Ok",
        "QUIT" => "221 2.0.0 Bye",
        _ => "502 5.5.2 Error: command not recognized",
    };

    private string EhloReply(bool secure)
    {
        var lines = new List<string> { HostName };
        lines.AddRange(Extensions);
        if (Certificate is not null && !secure)
        {
            lines.Add("STARTTLS");
        }

        if (AuthMechanisms is not null)
        {
            lines.Add("AUTH " + AuthMechanisms);
        }

        return string.Join("\n", lines.Select((l, i) => (i == lines.Count - 1 ? "250 " : "250-") + l));
    }

    private static async Task<bool> ReplyOrStopAsync(ScriptedConnection connection, string reply)
    {
        switch (reply)
        {
            case Drop:
                connection.Close();
                return false;
            case Silence:
                await connection.WaitForCloseAsync();
                return false;
            default:
                await connection.ReplyAsync(reply);
                return true;
        }
    }
}
