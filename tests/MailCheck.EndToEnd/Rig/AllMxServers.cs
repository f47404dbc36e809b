using System.Net;
using System.Net.Sockets;
using MailCheck.Testing.Scripted;
using MailCheck.Testing.Smtp;

namespace MailCheck.EndToEnd.Rig;

/// <summary>
/// The mail servers of allmx.test (tests/rig/dnsmasq.conf.in, "every MX" section), scripted on port 25 of the
/// addresses reserved for issue 12, each different on purpose so the MX matrix has something to show:
/// <list type="bullet">
/// <item>mx1.allmx.test, 127.0.0.61: Postfix-like greeting, STARTTLS with a current (self-signed) certificate, SIZE 10240000.
/// Its AAAA is ::1, where nothing listens: the dead IPv6 address.</item>
/// <item>mx2.allmx.test, 127.0.0.62: Exim-like greeting, no STARTTLS, SIZE 5242880. Its second address, 127.0.0.64, is dead.</item>
/// <item>mx3.allmx.test, 127.0.0.63: STARTTLS with an expired certificate, SIZE 20971520.</item>
/// </list>
/// Every command each server receives is recorded: a test proves that an every-MX check never sends DATA.
/// </summary>
public sealed class AllMxServers : IAsyncDisposable
{
    public const string Domain = "allmx.test";
    public const string DeadAddress = "127.0.0.64";

    private readonly List<ScriptedSmtpServer> _servers = [];
    private readonly List<IDisposable> _certificates = [];

    private AllMxServers()
    {
    }

    /// <summary>Each server by its address.</summary>
    public IReadOnlyDictionary<string, ScriptedSmtpServer> ByAddress { get; private set; } = new Dictionary<string, ScriptedSmtpServer>();

    /// <summary>Every command line every server received, in order per connection.</summary>
    public IReadOnlyList<string> AllCommands => [.. _servers.SelectMany(s => s.Connections).SelectMany(c => c.Received)];

    public static AllMxServers Start()
    {
        var rig = new AllMxServers();
        var current = TestCertificates.CreateSelfSigned("mx1.allmx.test");
        var expired = TestCertificates.Create(["mx3.allmx.test"], DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddDays(-30));
        rig._certificates.Add(current);
        rig._certificates.Add(expired);
        var map = new Dictionary<string, ScriptedSmtpServer>(StringComparer.Ordinal);
        try
        {
            map["127.0.0.61"] = rig.Listen("127.0.0.61", new SmtpDialogue
            {
                HostName = "mx1.allmx.test",
                Banner = "220 mx1.allmx.test ESMTP Postfix (MailCheck rig)",
                Certificate = current,
                Extensions = ["PIPELINING", "SIZE 10240000", "8BITMIME", "ENHANCEDSTATUSCODES"],
            });
            map["127.0.0.62"] = rig.Listen("127.0.0.62", new SmtpDialogue
            {
                HostName = "mx2.allmx.test",
                Banner = "220 mx2.allmx.test ESMTP Exim 4.96 (MailCheck rig, backup)",
                Extensions = ["PIPELINING", "SIZE 5242880", "8BITMIME", "ENHANCEDSTATUSCODES"],
            });
            map["127.0.0.63"] = rig.Listen("127.0.0.63", new SmtpDialogue
            {
                HostName = "mx3.allmx.test",
                Banner = "220 mx3.allmx.test ESMTP Postfix (MailCheck rig)",
                Certificate = expired,
                Extensions = ["PIPELINING", "SIZE 20971520", "8BITMIME", "ENHANCEDSTATUSCODES"],
            });
        }
        catch
        {
            rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
            throw;
        }

        rig.ByAddress = map;
        return rig;
    }

    private ScriptedSmtpServer Listen(string address, SmtpDialogue dialogue)
    {
        try
        {
            var server = ScriptedSmtpServer.Start(dialogue, IPAddress.Parse(address), 25);
            _servers.Add(server);
            return server;
        }
        catch (SocketException ex)
        {
            throw new InvalidOperationException(
                $"The allmx.test server could not listen on {address}:25 ({ex.SocketErrorCode}). Port 25 needs root; is another rig running?", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        foreach (var certificate in _certificates)
        {
            certificate.Dispose();
        }
    }
}
