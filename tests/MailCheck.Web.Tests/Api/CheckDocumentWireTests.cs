using System.Text.Json;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Api;

/// <summary>
/// Pins the exact bytes of <c>GET /api/checks/{id}</c> (property names, order, nulls, enum spellings, detail shapes),
/// so that moving or sharing the document model (the CLI's <c>--json</c> writes the same document) cannot change
/// what scripts already read.
/// </summary>
public sealed class CheckDocumentWireTests : WebAppTests
{
    [Fact]
    public async Task Get_FinishedCheck_HasExactlyTheDocumentedWireShape()
    {
        var id = await Client.SubmitAsync("""
            {"domain":"example.com","from":"a@example.org","to":["b@example.com"],"subject":"S","body":"B",
             "mode":"send","port":587,"tls":"required","ehloName":"client.example.org",
             "auth":{"username":"alice","password":"s3cret-Pa55"}}
            """);
        await Client.WaitForStatusAsync(id);

        var text = await Client.GetStringAsync($"/api/checks/{id}");

        using var parsed = JsonDocument.Parse(text);
        var root = parsed.RootElement;
        string Raw(string name) => root.GetProperty(name).GetRawText();
        var expected = Expected
            .Replace("@ID", id, StringComparison.Ordinal)
            .Replace("@CREATED", Raw("createdAt"), StringComparison.Ordinal)
            .Replace("@STARTED", Raw("startedAt"), StringComparison.Ordinal)
            .Replace("@FINISHED", Raw("finishedAt"), StringComparison.Ordinal);
        Assert.Equal(expected, text);
    }

    private const string Expected = """
        {"id":"@ID","url":"http://localhost/checks/@ID","status":"finished","outcome":"accepted","summary":"Accepted by mx1.example.com","createdAt":@CREATED,"startedAt":@STARTED,"finishedAt":@FINISHED,"request":{"domain":"example.com","from":"a@example.org","to":["b@example.com"],"subject":"S","body":"B","mode":"send","port":587,"tls":"required","scope":"first","ehloName":"client.example.org","auth":{"username":"alice"},"posture":true,"dkimSelectors":[]},"mx":[{"host":"mx1.example.com","preference":10,"addresses":["127.0.0.2"],"used":true},{"host":"mx2.example.com","preference":20,"addresses":["127.0.0.3"],"used":false}],"result":{"outcome":"accepted","summary":"Accepted by mx1.example.com","step":"rcpt","host":"mx1.example.com","address":"127.0.0.2","code":250,"enhancedCode":"2.1.5","queueId":null},"scorecard":null,"matrix":null,"events":[{"seq":1,"at":"2026-11-28T12:00:00.012+00:00","elapsedMs":12,"durationMs":12,"direction":"info","kind":"dns","text":"MX example.com: 10 mx1.example.com, 20 mx2.example.com","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":null,"target":null,"detail":null},{"seq":2,"at":"2026-11-28T12:00:00.013+00:00","elapsedMs":13,"durationMs":null,"direction":"info","kind":"mx","text":"2 mail servers for example.com","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":null,"target":null,"detail":{"type":"mx","domain":"example.com","hosts":[{"host":"mx1.example.com","preference":10,"addresses":[{"address":"127.0.0.2","ttl":300}],"error":null},{"host":"mx2.example.com","preference":20,"addresses":[{"address":"127.0.0.3","ttl":300}],"error":null}],"implicit":false}},{"seq":3,"at":"2026-11-28T12:00:00.02+00:00","elapsedMs":20,"durationMs":6,"direction":"info","kind":"connect","text":"Connected to mx1.example.com [127.0.0.2]:587","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":"mx1.example.com","target":null,"detail":{"type":"connection","host":"mx1.example.com","address":"127.0.0.2","port":587,"connected":true,"error":null,"localAddress":null}},{"seq":4,"at":"2026-11-28T12:00:00.031+00:00","elapsedMs":31,"durationMs":11,"direction":"server","kind":"banner","text":"220 mx1.example.com ESMTP ready","code":220,"enhancedCode":null,"explanation":"Explanation of 220","secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":5,"at":"2026-11-28T12:00:00.032+00:00","elapsedMs":32,"durationMs":null,"direction":"client","kind":"ehlo","text":"EHLO mailcheck.localhost","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":6,"at":"2026-11-28T12:00:00.04+00:00","elapsedMs":40,"durationMs":8,"direction":"server","kind":"ehlo","text":"250-mx1.example.com\n250-PIPELINING\n250 ENHANCEDSTATUSCODES","code":250,"enhancedCode":null,"explanation":"Explanation of 250","secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":7,"at":"2026-11-28T12:00:00.041+00:00","elapsedMs":41,"durationMs":null,"direction":"client","kind":"mail","text":"MAIL FROM:<a@example.org>","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":8,"at":"2026-11-28T12:00:00.047+00:00","elapsedMs":47,"durationMs":6,"direction":"server","kind":"mail","text":"250 2.1.0 Ok","code":250,"enhancedCode":"2.1.0","explanation":"Explanation of 250","secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":9,"at":"2026-11-28T12:00:00.048+00:00","elapsedMs":48,"durationMs":null,"direction":"client","kind":"rcpt","text":"RCPT TO:<b@example.com>","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":10,"at":"2026-11-28T12:00:00.06+00:00","elapsedMs":60,"durationMs":12,"direction":"server","kind":"rcpt","text":"250 2.1.5 Ok","code":250,"enhancedCode":"2.1.5","explanation":"Explanation of 250","secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":11,"at":"2026-11-28T12:00:00.061+00:00","elapsedMs":61,"durationMs":null,"direction":"client","kind":"quit","text":"QUIT","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":12,"at":"2026-11-28T12:00:00.065+00:00","elapsedMs":65,"durationMs":4,"direction":"server","kind":"quit","text":"221 2.0.0 Bye","code":221,"enhancedCode":"2.0.0","explanation":"Explanation of 221","secure":false,"host":"mx1.example.com","target":null,"detail":null},{"seq":13,"at":"2026-11-28T12:00:00.066+00:00","elapsedMs":66,"durationMs":null,"direction":"info","kind":"outcome","text":"Accepted by mx1.example.com","code":null,"enhancedCode":null,"explanation":null,"secure":false,"host":"mx1.example.com","target":null,"detail":{"type":"outcome","result":{"outcome":"accepted","summary":"Accepted by mx1.example.com","step":"rcpt","host":"mx1.example.com","address":"127.0.0.2","code":250,"enhancedCode":"2.1.5","queueId":null}}}]}
        """;
}
