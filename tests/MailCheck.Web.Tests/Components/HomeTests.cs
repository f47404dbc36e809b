using MailCheck.Core.Documents;
using AngleSharp.Dom;
using Bunit;
using MailCheck.Core.Checks;
using MailCheck.Web.Checks;
using MailCheck.Web.Components.Pages;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace MailCheck.Web.Tests.Components;

public sealed class HomeTests : ComponentTestContext
{
    private IRenderedComponent<Home> RenderHome() => Render<Home>(p => p.AddCascadingValue(Client));

    private static IElement SubmitButton(IRenderedComponent<Home> cut) => cut.Find("#submit-check");

    /// <summary>The engine validator's own message for the first of <paramref name="fields"/> it complains about.</summary>
    private static string EngineMessage(CheckRequest request, params string[] fields)
    {
        var errors = CheckRequestValidator.Validate(request).Errors;
        return fields.Select(f => errors.FirstOrDefault(e => e.Field == f)?.Message).First(m => m is not null)!;
    }

    [Fact]
    public void Render_EmptyForm_SubmitDisabledAndNoErrorShownYet()
    {
        var cut = RenderHome();

        Assert.True(SubmitButton(cut).HasAttribute("disabled"));
        Assert.Empty(cut.FindAll(".mud-input-error"));
        Assert.Contains("Enter a domain", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AfterFirstRender_MarksTheFormInteractive()
    {
        var cut = RenderHome();

        Assert.Equal("true", cut.Find(".mc-home").GetAttribute("data-interactive"));
    }

    [Fact]
    public void Input_Domain_EnablesSubmitAndDefaultsRecipientToPostmaster()
    {
        var cut = RenderHome();

        cut.Find("#target").Input("example.com");

        Assert.False(SubmitButton(cut).HasAttribute("disabled"));
        Assert.Equal("postmaster@example.com", cut.Find("#recipients").GetAttribute("placeholder"));
    }

    [Fact]
    public void Input_DomainCleared_ShowsTheEngineMessageAndDisablesSubmit()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");

        cut.Find("#target").Input("");

        Assert.True(SubmitButton(cut).HasAttribute("disabled"));
        var expected = EngineMessage(new CheckRequest { From = "a@example.org", Recipients = [] }, "domain", "to");
        Assert.Contains(expected, cut.Find("#target").ParentElement!.ParentElement!.ParentElement!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Blur_InvalidDomain_KeepsTheEngineMessageShown()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("not a domain!");

        // MudBlazor's own Required check ran on blur and wiped the engine's message off the field.
        cut.Find("#target").Blur();

        var expected = EngineMessage(new CheckRequest { Domain = "not a domain!", From = "a@example.org", Recipients = ["postmaster@not a domain!"] }, "domain");
        Assert.Contains(expected, cut.Find("#target").ParentElement!.ParentElement!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", cut.Find("#target").GetAttribute("aria-invalid"));
        Assert.Equal("true", cut.Find("#target").GetAttribute("aria-required"));
    }

    [Theory]
    [InlineData("#target", "not a domain!", "domain")]
    [InlineData("#from", "nobody", "from")]
    [InlineData("#recipients", "a@example.com, not-an-address", "to[1]")]
    public void Input_InvalidField_ItsErrorIsTheInputsDescriptionAndErrorMessage(string selector, string typed, string engineField)
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");

        cut.Find(selector).Input(typed);

        // A screen reader hears "invalid" and, from aria-describedby / aria-errormessage, why.
        var input = cut.Find(selector);
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        var describedBy = input.GetAttribute("aria-describedby");
        Assert.Equal($"{selector[1..]}-error", describedBy);
        Assert.Equal(describedBy, input.GetAttribute("aria-errormessage"));
        var request = new CheckRequest
        {
            Domain = selector == "#target" ? typed : "example.com",
            From = selector == "#from" ? typed : "",
            Recipients = selector == "#recipients" ? typed.Split(", ") : ["postmaster@example.com"],
        };
        Assert.Equal(EngineMessage(request, engineField), cut.Find("#" + describedBy).TextContent.Trim());
    }

    [Fact]
    public void Input_PasswordWithoutUsername_TheUsernameErrorDescribesTheUsernameField()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");
        cut.Find("#advanced-toggle").Click();

        cut.Find("#auth-password").Input("secret");

        var input = cut.Find("#auth-username");
        var describedBy = input.GetAttribute("aria-describedby");
        Assert.Equal("auth-username-error", describedBy);
        Assert.Equal(describedBy, input.GetAttribute("aria-errormessage"));
        var expected = EngineMessage(new CheckRequest { Domain = "example.com", Recipients = ["postmaster@example.com"], Auth = new SmtpCredentials("", "secret") }, "auth.username");
        Assert.Equal(expected, cut.Find("#auth-username-error").TextContent.Trim());
    }

    [Fact]
    public void Input_ValidField_DescribedByItsHelpTextWithoutAnErrorMessage()
    {
        var cut = RenderHome();

        cut.Find("#target").Input("example.com");

        var input = cut.Find("#target");
        Assert.Equal("false", input.GetAttribute("aria-invalid"));
        Assert.Null(input.GetAttribute("aria-errormessage"));
        Assert.Contains("A domain tests its mail servers", cut.Find("#" + input.GetAttribute("aria-describedby")).TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad..domain")]
    [InlineData("someone@bad..domain")]
    [InlineData("not a domain!")]
    public void Input_InvalidTarget_RecipientsHintDoesNotRepeatIt(string target)
    {
        var cut = RenderHome();

        cut.Find("#target").Input(target);

        var hint = cut.Find("#recipients-help").TextContent;
        Assert.StartsWith("Up to 5, separated by commas. Empty: ", hint, StringComparison.Ordinal);
        Assert.DoesNotContain(target.Split('@')[^1], hint, StringComparison.Ordinal);
        Assert.True(string.IsNullOrEmpty(cut.Find("#recipients").GetAttribute("placeholder")));
    }

    [Theory]
    [InlineData("Example.COM.", "postmaster@example.com")]
    [InlineData(" Someone@Example.com ", "Someone@example.com")]
    public void Input_ValidTarget_RecipientsHintNamesTheNormalisedDefault(string target, string expected)
    {
        var cut = RenderHome();

        cut.Find("#target").Input(target);

        Assert.EndsWith("Empty: " + expected, cut.Find("#recipients-help").TextContent, StringComparison.Ordinal);
        Assert.Equal(expected, cut.Find("#recipients").GetAttribute("placeholder"));
    }

    [Fact]
    public void Click_AdvancedToggle_IsADisclosureButtonWithAriaExpanded()
    {
        var cut = RenderHome();
        var toggle = cut.Find("#advanced-toggle");
        Assert.Equal("button", toggle.TagName, StringComparer.OrdinalIgnoreCase);
        Assert.Equal("false", toggle.GetAttribute("aria-expanded"));
        Assert.Equal("advanced-panel", toggle.GetAttribute("aria-controls"));
        Assert.True(cut.Find("#advanced-panel").HasAttribute("hidden"));

        toggle.Click();

        Assert.Equal("true", cut.Find("#advanced-toggle").GetAttribute("aria-expanded"));
        Assert.False(cut.Find("#advanced-panel").HasAttribute("hidden"));
    }

    [Fact]
    public void Input_PasswordWithoutUsername_ShowsWhyAndKeepsAdvancedOpen()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");
        cut.Find("#advanced-toggle").Click();

        cut.Find("#auth-password").Input("secret");
        cut.Find("#advanced-toggle").Click();

        // The complaint is about the user name: it must be visible, not only a disabled button.
        Assert.True(SubmitButton(cut).HasAttribute("disabled"));
        var expected = EngineMessage(new CheckRequest { Domain = "example.com", From = "a@example.org", Recipients = ["postmaster@example.com"], Auth = new SmtpCredentials("", "secret") }, "auth.username");
        Assert.Contains(expected, cut.Find("#advanced-panel").TextContent, StringComparison.Ordinal);
        Assert.False(cut.Find("#advanced-panel").HasAttribute("hidden"));
        Assert.Equal("true", cut.Find("#advanced-toggle").GetAttribute("aria-expanded"));
    }

    [Fact]
    public void Input_SixRecipients_ShowsTheLimitOnTheRecipientsField()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");

        cut.Find("#recipients").Input("a@example.com, b@example.com, c@example.com, d@example.com, e@example.com, f@example.com");

        Assert.True(SubmitButton(cut).HasAttribute("disabled"));
        var six = Enumerable.Range(0, 6).Select(i => $"{(char)('a' + i)}@example.com").ToList();
        Assert.Contains(EngineMessage(new CheckRequest { Domain = "example.com", Recipients = six }, "to"), cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EveryTextField_HasAMaxLength()
    {
        var cut = RenderHome();

        var fields = cut.FindAll("input:not([type=radio]):not([type=checkbox]):not([type=hidden]):not([readonly]), textarea");

        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.True(int.TryParse(f.GetAttribute("maxlength"), out var max) && max > 0, f.OuterHtml));
        Assert.Equal("65536", cut.Find("#body").GetAttribute("maxlength"));
    }

    [Fact]
    public async Task Submit_ValidForm_QueuesTheCheckAndNavigatesToItsPage()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("someone@example.com");

        cut.Find("form").Submit();

        var queue = Services.GetRequiredService<CheckQueue>();
        Assert.Equal(1, queue.Count);
        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        var id = uri[(uri.LastIndexOf('/') + 1)..];
        Assert.Matches("^http://localhost/checks/[A-Za-z0-9_-]{22}$", uri);
        var stored = await Store.GetAsync(id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(["someone@example.com"], stored.Request.To);
        Assert.Equal("example.com", stored.Domain);
    }

    [Fact]
    public async Task Submit_PostureOff_StoredWithoutSelectors()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");
        cut.Find("#advanced-toggle").Click();
        cut.Find("#dkim-selectors").Input("s2024, Mail");
        cut.Find("#posture-switch").Change(false);

        cut.Find("form").Submit();

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        var stored = await Store.GetAsync(uri[(uri.LastIndexOf('/') + 1)..], CancellationToken.None);
        Assert.NotNull(stored);
        Assert.False(stored.Request.Posture);
        Assert.Empty(stored.Request.DkimSelectors);
    }

    [Fact]
    public async Task Submit_Selectors_StoredNormalised()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");
        cut.Find("#advanced-toggle").Click();
        cut.Find("#dkim-selectors").Input("s2024, Mail");

        cut.Find("form").Submit();

        var uri = Services.GetRequiredService<NavigationManager>().Uri;
        var stored = await Store.GetAsync(uri[(uri.LastIndexOf('/') + 1)..], CancellationToken.None);
        Assert.True(stored!.Request.Posture);
        Assert.Equal(["s2024", "mail"], stored.Request.DkimSelectors);
    }

    [Fact]
    public void Input_BadDkimSelector_ShowsTheEngineMessageInTheAdvancedPanel()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");
        cut.Find("#advanced-toggle").Click();

        cut.Find("#dkim-selectors").Input("ok, bad_selector!");
        cut.Find("#dkim-selectors").Blur();

        Assert.Contains("RFC 6376 §3.1", cut.Markup, StringComparison.Ordinal);
        Assert.True(SubmitButton(cut).HasAttribute("disabled"));
    }

    [Fact]
    public void Render_SendTurnedOff_SendIsDisabledExplainedAndProbeIsChosen()
    {
        Safety.AllowSend = false;

        var cut = RenderHome();
        cut.Find("#target").Input("example.com");

        var radios = cut.FindAll("input[type=radio]");
        Assert.True(radios[0].HasAttribute("disabled"));
        Assert.False(radios[1].HasAttribute("disabled"));
        Assert.Contains(Core.Net.SafetyGuard.SendDisabledMessage, cut.Markup, StringComparison.Ordinal);
        Assert.Equal("Probe", SubmitButton(cut).TextContent.Trim());
        Assert.False(SubmitButton(cut).HasAttribute("disabled"));
    }

    [Fact]
    public void Submit_QueueFull_ShowsBusyAndStaysOnTheForm()
    {
        var queue = Services.GetRequiredService<CheckQueue>();
        var request = new CheckRequest { Domain = "example.com", Recipients = ["postmaster@example.com"] };
        for (var i = 0; i < queue.Capacity; i++)
        {
            Assert.True(queue.TryEnqueue(new QueuedCheck(CheckId.New(), request)));
        }

        var cut = RenderHome();
        cut.Find("#target").Input("example.com");
        cut.Find("form").Submit();

        Assert.Contains(CheckSubmissionService.BusyMessage, cut.Find("[role=alert]").TextContent, StringComparison.Ordinal);
        Assert.Equal("http://localhost/", Services.GetRequiredService<NavigationManager>().Uri);
    }

    [Fact]
    public void Render_FormPersistedByThePrerender_LiveFormStartsFromItWithoutLoadingAgain()
    {
        var earlier = CheckId.New();
        var reads = 0;
        Store.BeforeRead = _ => reads++;
        PersistentState.Persist(Home.PersistedFormKey, new CheckForm
        {
            Target = "example.org",
            Recipients = "bob@example.org",
            Subject = "MailCheck test 2026-11-28 13:45 UTC",
            Mode = CheckMode.Probe,
            Port = 587,
            FromEarlierCheck = true,
        });
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("again", earlier));

        var cut = RenderHome();

        Assert.Equal(0, reads);
        Assert.Equal("example.org", cut.Find("#target").GetAttribute("value"));
        Assert.Equal("bob@example.org", cut.Find("#recipients").GetAttribute("value"));
        Assert.Equal("Probe", SubmitButton(cut).TextContent.Trim());
        Assert.Equal("true", cut.Find("#advanced-toggle").GetAttribute("aria-expanded")); // port 587: shown, as for "run again"
    }

    [Fact]
    public void Persist_PasswordTyped_TheFormIsHandedOnWithoutIt()
    {
        var cut = RenderHome();
        cut.Find("#target").Input("example.com");
        cut.Find("#advanced-toggle").Click();
        cut.Find("#auth-username").Input("alice");
        cut.Find("#auth-password").Input("s3cret");

        PersistentState.TriggerOnPersisting();

        // The persisting callbacks run on the renderer's dispatcher; on a loaded machine they can finish after
        // TriggerOnPersisting returns, so wait for the state to appear (bounded) instead of reading it at once.
        CheckForm? handedOn = null;
        cut.WaitForAssertion(() => Assert.True(PersistentState.TryTake(Home.PersistedFormKey, out handedOn)));
        Assert.NotNull(handedOn);
        Assert.Equal("example.com", handedOn.Target);
        Assert.Equal("alice", handedOn.AuthUsername);
        Assert.Equal("", handedOn.AuthPassword);
        Assert.Equal("s3cret", cut.Find("#auth-password").GetAttribute("value")); // the live form keeps what was typed
    }

    [Fact]
    public void Render_RunAgain_PrefillsEverythingButThePassword()
    {
        var id = CheckId.New();
        Store.Put(new Web.Data.StoredCheck
        {
            Id = id,
            Domain = "example.org",
            Status = CheckStatus.Finished,
            CreatedAt = DateTimeOffset.UtcNow,
            Request = RedactedRequest.Of(new CheckRequest
            {
                Domain = "example.org",
                From = "alice@example.net",
                Recipients = ["bob@example.org", "carol@example.org"],
                Mode = CheckMode.Probe,
                Port = 587,
                Auth = new SmtpCredentials("alice", "s3cret"),
            }),
        });

        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("again", id));
        var cut = RenderHome();

        Assert.Equal("example.org", cut.Find("#target").GetAttribute("value"));
        Assert.Equal("alice@example.net", cut.Find("#from").GetAttribute("value"));
        Assert.Equal("bob@example.org, carol@example.org", cut.Find("#recipients").GetAttribute("value"));
        Assert.Equal("alice", cut.Find("#auth-username").GetAttribute("value"));
        Assert.True(string.IsNullOrEmpty(cut.Find("#auth-password").GetAttribute("value")));
        Assert.Equal("Probe", SubmitButton(cut).TextContent.Trim());
    }
}
