using System.Text.Json;
using MailCheck.Core.Checks;
using MailCheck.Core.Pipeline;
using MailCheck.Core.Posture.Bimi;
using MailCheck.Core.Posture.Dkim;
using MailCheck.Core.Posture.Dmarc;
using MailCheck.Core.Posture.TlsRpt;
using MailCheck.Core.Scorecard;
using MailCheck.Core.Tests.Posture.Dkim;

namespace MailCheck.Core.Tests.Posture;

/// <summary>The events of the authentication stages are stored as JSON and read back (history, late watchers).</summary>
public class PostureDetailJsonTests
{
    [Fact]
    public async Task Serialize_EveryAuthenticationDetail_RoundTripsUnchanged()
    {
        var h = new PostureHarness(selectors: ["sel"]);
        h.Zone.AddTxt("_dmarc.example.com", "v=DMARC1; p=reject; rua=mailto:d@vendor.example.net")
            .AddEmptyNonTerminal("_domainkey.example.com")
            .AddTxt("sel._domainkey.example.com", DkimTestKeys.Record(DkimTestKeys.Rsa(1024)))
            .AddTxt("_smtp._tls.example.com", "v=TLSRPTv1; rua=mailto:tls@example.com")
            .AddTxt("default._bimi.example.com", "v=BIMI1; l=https://images.example.com/logo.svg");
        ICheckStage[] stages = [new DmarcStage(), new DkimStage(), new TlsRptStage(), new BimiStage()];
        foreach (var stage in stages)
        {
            await stage.RunAsync(h.Context, CancellationToken.None);
        }

        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var details = h.Events.Where(e => e.Detail is PostureDetail).Select(e => e.Detail!).ToList();
        Assert.Equal([typeof(DmarcDetail), typeof(DkimDetail), typeof(TlsRptDetail), typeof(BimiDetail)], details.Select(d => d.GetType()));
        foreach (var detail in details)
        {
            var json = JsonSerializer.Serialize<CheckEventDetail>(detail, options);
            var back = JsonSerializer.Deserialize<CheckEventDetail>(json, options)!;

            Assert.IsType(detail.GetType(), back);
            Assert.Equal(json, JsonSerializer.Serialize(back, options));
            Assert.NotEmpty(((PostureDetail)back).Items);
        }
    }
}
