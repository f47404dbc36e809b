using System.Text.Json;
using MailCheck.EndToEnd.Rig;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace MailCheck.EndToEnd.Api;

/// <summary>The SignalR hub for watchers without a browser, through nginx, over WebSockets only.</summary>
[Collection(RigCollectionDefinition.Name)]
public sealed class HubThroughProxyTests(RigFixture rig)
{
    [Fact]
    public async Task Watch_RunningCheckThroughProxy_StreamsEveryEventOnceInOrderEndingWithOutcome()
    {
        rig.SlowServer.ReplyDelay = TimeSpan.FromMilliseconds(300);
        using var client = rig.CreateHttpClient();
        var api = new CheckApi(client);
        var submitted = await api.SubmitAsync(new { domain = "slow.test", to = new[] { "hub@slow.test" }, mode = "send" });

        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(rig.Settings.BaseUrl, "hubs/checks"), options =>
            {
                // WebSockets only: a proxy that breaks the upgrade must fail this test, not fall back.
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketConfiguration = ws => ws.RemoteCertificateValidationCallback = (_, cert, _, _) => rig.IsRigCertificate(cert);
            })
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await connection.StartAsync(timeout.Token);

        var items = new List<JsonElement>();
        await foreach (var item in connection.StreamAsync<JsonElement>("Watch", submitted.Id, timeout.Token))
        {
            items.Add(item);
        }

        Assert.NotEmpty(items);
        var seqs = items.Where(i => i.TryGetProperty("seq", out _)).Select(i => i.GetProperty("seq").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(1, seqs.Count), seqs);
        var last = items[^1];
        Assert.True(
            last.TryGetProperty("kind", out var kind) && string.Equals(kind.GetString(), "outcome", StringComparison.OrdinalIgnoreCase),
            $"the stream should end with the outcome: {last}");
        var check = await api.WaitFinishedAsync(submitted.Id, TimeSpan.FromSeconds(30));
        Assert.True((string?)check["outcome"] == "accepted", check.ToJsonString());
        Assert.Equal(CheckApi.Events(check).Count, seqs.Count);
        Assert.Contains(items, i => i.TryGetProperty("text", out var t) && t.GetString() is { } s && s.StartsWith("250 2.0.0 Ok: queued as SLOW1", StringComparison.Ordinal));
    }
}
