using MailCheck.Core.Dns;
using MailCheck.Testing.Dns;

namespace MailCheck.Core.Tests.Dns;

public class CheckDnsTests
{
    [Fact]
    public async Task QueryAsync_SameQuestionTwice_SentOnceAndReportedOnce()
    {
        var zone = new StaticDnsQuerier().AddTxt("example.com", "v=spf1 -all");
        var reported = new List<(DnsAnswer Answer, string? Purpose)>();
        var dns = new CheckDns(zone, 10, (a, p) => reported.Add((a, p)));

        var first = await dns.QueryAsync("example.com", DnsRecordType.TXT, "spf", CancellationToken.None);
        var second = await dns.QueryAsync("EXAMPLE.com.", DnsRecordType.TXT, "dmarc", CancellationToken.None);

        Assert.Same(first, second);
        Assert.Single(zone.Queries);
        var (answer, purpose) = Assert.Single(reported);
        Assert.Equal("spf", purpose);
        Assert.Equal("v=spf1 -all", Assert.Single(answer.Records).Text);
        Assert.Equal(1, dns.Sent);
    }

    [Fact]
    public async Task QueryAsync_BudgetUsedUp_NotSentAndReportedOnce()
    {
        var zone = new StaticDnsQuerier();
        var exhausted = new List<int>();
        var dns = new CheckDns(zone, 3, onBudgetExhausted: exhausted.Add);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(DnsResponseStatus.NxDomain, (await dns.QueryAsync($"n{i}.test", DnsRecordType.A, CancellationToken.None)).Status);
        }

        var refused = await dns.QueryAsync("n3.test", DnsRecordType.A, CancellationToken.None);
        var again = await dns.QueryAsync("n4.test", DnsRecordType.A, CancellationToken.None);

        Assert.Equal(DnsResponseStatus.NotSent, refused.Status);
        Assert.True(refused.Failed);
        Assert.Contains("at most 3 DNS queries", refused.Error, StringComparison.Ordinal);
        Assert.Equal(DnsResponseStatus.NotSent, again.Status);
        Assert.Equal([3], exhausted);
        Assert.Equal(3, zone.Queries.Count);
        Assert.Equal(3, dns.Sent);
        Assert.True(dns.Exhausted);
    }

    [Fact]
    public async Task QueryAsync_ManyInParallel_NeverExceedsTheBudget()
    {
        var zone = new StaticDnsQuerier();
        var dns = new CheckDns(zone, 20);

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => dns.QueryAsync($"p{i}.test", DnsRecordType.TXT, CancellationToken.None))));

        Assert.Equal(20, zone.Queries.Count);
        Assert.Equal(20, answers.Count(a => a.Status != DnsResponseStatus.NotSent));
        Assert.Equal(180, answers.Count(a => a.Status == DnsResponseStatus.NotSent));
    }

    [Fact]
    public async Task QueryAsync_LongTxt_StringsJoinedWithNothingBetween()
    {
        // RFC 7208 §3.3: a record split into several character-strings is read as their concatenation.
        var text = "v=spf1 " + string.Join(' ', Enumerable.Range(1, 40).Select(i => $"ip4:192.0.2.{i}")) + " -all";
        var zone = new StaticDnsQuerier().AddTxt("long.test", text);
        var dns = new CheckDns(zone, 10);

        var record = Assert.Single((await dns.QueryAsync("long.test", DnsRecordType.TXT, CancellationToken.None)).Records);

        Assert.True(record.Strings!.Count > 1);
        Assert.Equal(text, record.Text);
    }
}
