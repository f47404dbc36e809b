using System.Net;
using MailCheck.Core.Dns;
using MailCheck.Core.Posture.Spf;
using MailCheck.Testing.Dns;
using Microsoft.Extensions.Time.Testing;

namespace MailCheck.Core.Tests.Posture.Spf;

/// <summary>check_host(): the processing limits of RFC 7208 §4.6.4, loops, and the time limit.</summary>
public class SpfEvaluatorLimitTests
{
    private readonly SpfZone _zone = new();

    [Fact]
    public async Task CheckHost_TenLookupsThenAMatch_Pass()
    {
        _zone.Txt("ten.example.org", "v=spf1 a mx a mx a mx a mx a ptr ip4:192.0.2.9 -all")
            .Address("ten.example.org", "192.0.2.1").Mx("ten.example.org", "ten.example.org");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@ten.example.org");

        Assert.Equal(SpfResult.Pass, result.Result);
        Assert.Equal(10, result.DnsLookups);
    }

    [Fact]
    public async Task CheckHost_EleventhLookup_PermErrorBeforeItsQuery()
    {
        _zone.Txt("eleven.example.org", "v=spf1 a mx a mx a mx a mx a ptr exists:never.example.org ip4:192.0.2.9 -all")
            .Address("eleven.example.org", "192.0.2.1").Mx("eleven.example.org", "eleven.example.org");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@eleven.example.org");

        Assert.Equal(SpfResult.PermError, result.Result);
        Assert.Contains("§4.6.4", result.Reason, StringComparison.Ordinal);
        Assert.Equal(11, result.DnsLookups);
        Assert.DoesNotContain(_zone.Queries, q => q.Name == "never.example.org");
    }

    [Theory]
    [InlineData("v=spf1 a include:eight.example.net ip4:192.0.2.9 mx -all", SpfResult.Pass)]   // 1 + 1 + 8 = 10, then ip4
    [InlineData("v=spf1 a include:eight.example.net a ip4:192.0.2.9 -all", SpfResult.PermError)]
    public async Task CheckHost_LookupsInsideIncludes_CountTowardsOneLimit(string record, SpfResult expected)
    {
        _zone.Txt("outer.example.org", record).Address("outer.example.org", "192.0.2.1")
            .Txt("eight.example.net", "v=spf1 a a a a a a a a").Address("eight.example.net", "198.51.100.1");

        Assert.Equal(expected, (await _zone.CheckAsync("192.0.2.9", "ann@outer.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_IncludeLoop_PermErrorAtTheLimit()
    {
        _zone.Txt("ping.example.org", "v=spf1 include:pong.example.org -all").Txt("pong.example.org", "v=spf1 include:ping.example.org -all");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@ping.example.org");

        Assert.Equal(SpfResult.PermError, result.Result);
        Assert.Equal(11, result.DnsLookups);
        Assert.Equal(2, _zone.Queries.Count);      // every later lookup is answered from the check's cache
    }

    [Fact]
    public async Task CheckHost_RedirectToItself_PermErrorAtTheLimit()
    {
        _zone.Txt("self.example.org", "v=spf1 ip4:198.51.100.1 redirect=self.example.org");

        Assert.Equal(SpfResult.PermError, (await _zone.CheckAsync("192.0.2.9", "ann@self.example.org")).Result);
    }

    [Theory]
    [InlineData(10, SpfResult.Pass)]
    [InlineData(11, SpfResult.PermError)]
    public async Task CheckHost_MxWithMoreThanTenNames_PermError(int names, SpfResult expected)
    {
        _zone.Txt("many.example.org", "v=spf1 mx -all");
        for (var i = 0; i < names - 1; i++)
        {
            _zone.Dns.AddMx("many.example.org", i, "decoy.example.org");
        }

        _zone.Dns.AddMx("many.example.org", 99, "last.example.org");
        _zone.Address("decoy.example.org", "198.51.100.1").Address("last.example.org", "192.0.2.9");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@many.example.org");

        Assert.Equal(expected, result.Result);
        if (expected == SpfResult.PermError)
        {
            Assert.Contains("at most 10", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CheckHost_PtrWithMoreThanTenNames_OnlyTheFirstTenAreChecked()
    {
        _zone.Txt("ptrs.example.org", "v=spf1 ptr");
        var names = Enumerable.Range(1, 10).Select(i => $"n{i}.elsewhere.example.net").Append("host.ptrs.example.org").ToArray();
        _zone.Ptr("192.0.2.9", names).Address("host.ptrs.example.org", "192.0.2.9");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@ptrs.example.org");

        Assert.Equal(SpfResult.Neutral, result.Result);
        Assert.Equal(10, _zone.Queries.Count(q => q.Type == DnsRecordType.A));
        Assert.DoesNotContain(_zone.Queries, q => q.Name == "host.ptrs.example.org");
    }

    [Fact]
    public async Task CheckHost_ManyARecords_NoLimit()
    {
        _zone.Txt("wide.example.org", "v=spf1 a -all").Address("wide.example.org", [.. Enumerable.Range(1, 12).Select(i => $"192.0.2.{i}")]);

        Assert.Equal(SpfResult.Pass, (await _zone.CheckAsync("192.0.2.12", "ann@wide.example.org")).Result);
    }

    [Theory]
    [InlineData("v=spf1 a:gone1.example.org a:empty.example.org ?all", SpfResult.Neutral, 2)]
    [InlineData("v=spf1 a:gone1.example.org a:empty.example.org mx:gone2.example.org ?all", SpfResult.PermError, 3)]
    [InlineData("v=spf1 exists:gone1.example.org ptr exists:gone2.example.org ?all", SpfResult.PermError, 3)]
    public async Task CheckHost_VoidLookups_MoreThanTwoIsPermError(string record, SpfResult expected, int voids)
    {
        // NXDOMAIN and "no records" are both void lookups (RFC 7208 §4.6.4); the PTR here has no answer either.
        _zone.Txt("voids.example.org", record).Mx("empty.example.org", "mx.example.org");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@voids.example.org");

        Assert.Equal(expected, result.Result);
        Assert.Equal(voids, result.VoidLookups);
    }

    [Fact]
    public async Task CheckHost_VoidLimitConfigured_IsUsed()
    {
        _zone.Options = _zone.Options with { MaxVoidLookups = 0 };
        _zone.Txt("strict.example.org", "v=spf1 a:gone.example.org ?all");

        Assert.Equal(SpfResult.PermError, (await _zone.CheckAsync("192.0.2.9", "ann@strict.example.org")).Result);
    }

    [Fact]
    public async Task CheckHost_ExpToMissingName_IsNotAVoidLookup()
    {
        _zone.Txt("expvoid.example.org", "v=spf1 a:gone1.example.org a:gone2.example.org exp=gone3.example.org -all");

        var result = await _zone.CheckAsync("192.0.2.9", "ann@expvoid.example.org");

        Assert.Equal(SpfResult.Fail, result.Result);
        Assert.Equal(2, result.VoidLookups);
        Assert.Null(result.Explanation);
    }

    [Fact]
    public async Task CheckHost_NoAnswerWithinTheTimeLimit_TempError()
    {
        var time = new FakeTimeProvider();
        var zone = new StaticDnsQuerier().AddTxt("slow.example.org", "v=spf1 exists:hang.example.org -all");
        var querier = new HangingQuerier(zone, "hang.example.org");
        var evaluator = new SpfEvaluator(new SpfEvaluatorOptions { Timeout = TimeSpan.FromSeconds(20) }, time);

        var check = evaluator.CheckHostAsync(new CheckDns(querier, 150), IPAddress.Parse("192.0.2.9"), "slow.example.org", "ann@slow.example.org", "mail.example.net", CancellationToken.None);
        await querier.Hanging.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(check.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(20));
        var result = await check.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(SpfResult.TempError, result.Result);
        Assert.Contains("20 s", result.Reason, StringComparison.Ordinal);
        Assert.Contains("§4.6.4", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckHost_CallerCancels_Throws()
    {
        var zone = new StaticDnsQuerier().AddTxt("slow.example.org", "v=spf1 exists:hang.example.org -all");
        var querier = new HangingQuerier(zone, "hang.example.org");
        using var cts = new CancellationTokenSource();

        var check = new SpfEvaluator().CheckHostAsync(new CheckDns(querier, 150), IPAddress.Parse("192.0.2.9"), "slow.example.org", "ann@slow.example.org", "mail.example.net", cts.Token);
        await querier.Hanging.WaitAsync(TimeSpan.FromSeconds(10));
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>Answers from a zone, except one name that never answers until cancelled.</summary>
    private sealed class HangingQuerier(IDnsQuerier inner, string hang) : IDnsQuerier
    {
        private readonly TaskCompletionSource _hanging = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Hanging => _hanging.Task;

        public async Task<DnsAnswer> QueryAsync(string name, DnsRecordType type, CancellationToken cancellationToken)
        {
            if (name != hang)
            {
                return await inner.QueryAsync(name, type, cancellationToken);
            }

            _hanging.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
