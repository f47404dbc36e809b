using System.Net;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Spf;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>An in-memory zone for SPF scenarios, and check_host() run against it through a real <see cref="CheckDns"/>.</summary>
internal sealed class SpfZone
{
    public StaticDnsQuerier Dns { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));

    public SpfEvaluatorOptions Options { get; set; } = new() { ReceiverName = "mx.receiver.example" };

    /// <summary>Every query sent, for assertions about what was (not) asked.</summary>
    public IReadOnlyList<(string Name, DnsRecordType Type)> Queries => Dns.Queries;

    /// <summary>Adds TXT records (one per text; a text over 255 bytes is split as a zone file would).</summary>
    public SpfZone Txt(string name, params string[] texts)
    {
        foreach (var text in texts)
        {
            Dns.AddTxt(name, text);
        }

        return this;
    }

    /// <summary>Adds one TXT record made of exactly these character-strings.</summary>
    public SpfZone TxtStrings(string name, params string[] strings)
    {
        Dns.AddRecord(new DnsRecord { Name = name, Type = DnsRecordType.TXT, Ttl = 300, Data = DnsText.QuoteStrings(strings), Strings = strings });
        return this;
    }

    /// <summary>Adds A and AAAA records (by each address's family).</summary>
    public SpfZone Address(string name, params string[] addresses)
    {
        foreach (var address in addresses)
        {
            Dns.AddAddress(name, address);
        }

        return this;
    }

    public SpfZone Mx(string name, params string[] hosts)
    {
        for (var i = 0; i < hosts.Length; i++)
        {
            Dns.AddMx(name, i * 10, hosts[i]);
        }

        return this;
    }

    /// <summary>PTR records for an address (its in-addr.arpa or ip6.arpa name).</summary>
    public SpfZone Ptr(string address, params string[] names)
    {
        foreach (var name in names)
        {
            Dns.AddPtr(ReverseName.Ptr(IPAddress.Parse(address)), name);
        }

        return this;
    }

    public SpfZone Cname(string name, string target)
    {
        Dns.AddCname(name, target);
        return this;
    }

    /// <summary>Every query for <paramref name="name"/> fails (timeout by default).</summary>
    public SpfZone Failing(string name, DnsResponseStatus status = DnsResponseStatus.Timeout)
    {
        Dns.SetStatus(name, status);
        return this;
    }

    /// <summary>Runs check_host() for the MAIL FROM <paramref name="sender"/> (its domain), or for the HELO name when the sender is empty.</summary>
    public Task<SpfCheckResult> CheckAsync(string ip, string sender, string helo = "mail.example.net", int budget = 150)
    {
        var at = sender.LastIndexOf('@');
        var domain = at >= 0 ? sender[(at + 1)..] : sender.Length > 0 ? sender : helo;
        return CheckAsync(ip, domain, sender, helo, budget);
    }

    public Task<SpfCheckResult> CheckAsync(string ip, string domain, string sender, string helo, int budget = 150)
    {
        var dns = new CheckDns(Dns, budget);
        return new SpfEvaluator(Options, Time).CheckHostAsync(dns, IPAddress.Parse(ip), domain, sender, helo, CancellationToken.None);
    }
}
