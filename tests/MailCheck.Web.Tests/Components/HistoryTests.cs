using MailCheck.Core.Documents;
using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Components.Pages;
using MailCheck.Web.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Components;

public sealed class HistoryTests : ComponentTestContext
{
    private void StoreChecks(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Store.Put(new StoredCheck
            {
                Id = CheckId.New(),
                Domain = "example.com",
                Status = CheckStatus.Finished,
                Outcome = CheckOutcome.Accepted,
                CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-i),
                Request = RedactedRequest.Of(new CheckRequest { Domain = "example.com", From = "a@example.org", Recipients = ["postmaster@example.com"] }),
                Events = [],
            });
        }
    }

    [Fact]
    public void Render_PagePastTheEnd_SaysSoInsteadOfNoChecksYet()
    {
        StoreChecks(3);

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("page", 5));

        var cut = Render<History>();

        Assert.DoesNotContain("No checks yet", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("There is no page 5: 3 checks in all.", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EmptyStore_SaysNoChecksYetWithALinkHome()
    {
        var cut = Render<History>();

        Assert.Contains("No checks yet.", cut.Markup, StringComparison.Ordinal);
        Assert.Contains(cut.FindAll("a"), a => a.GetAttribute("href") == "./");
    }

    [Fact]
    public void Render_Rows_KeepTheFullSummaryAndExactTimeAsTooltips()
    {
        StoreChecks(1);

        var cut = Render<History>();

        Assert.NotNull(cut.Find("tbody tr time[datetime][title]"));
        Assert.NotNull(cut.Find("tbody tr td.mc-col-mode"));
    }
}
