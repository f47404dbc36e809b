using MailCheck.Core.Checks;

namespace MailCheck.Core.Tests.Checks;

public class CheckRequestValidatorTests
{
    private static CheckRequest Valid() => new()
    {
        From = "sender@example.org",
        Recipients = ["someone@example.com"],
        Subject = "Hello",
        Body = "Line 1\r\nLine 2\n\tindented\0",
    };

    private static FieldError SingleError(CheckRequest request, string field)
    {
        var result = CheckRequestValidator.Validate(request);
        Assert.False(result.IsValid);
        Assert.Null(result.Request);
        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        return error;
    }

    [Fact]
    public void Validate_ValidRequest_TakesDomainFromFirstRecipient()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Recipients = ["a@Example.COM.", "b@other.net"] });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("example.com", result.Request!.Domain);
        Assert.Equal(["a@example.com", "b@other.net"], result.Request.Recipients);
        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("  Example.COM.  ", "example.com")]
    [InlineData("mail.example.com", "mail.example.com")]
    [InlineData("BÜCHER.de", "bücher.de")]
    [InlineData("xn--bcher-kva.de", "bücher.de")]
    [InlineData("[192.0.2.1]", "[192.0.2.1]")]
    [InlineData("[IPv6:2001:DB8::1]", "[IPv6:2001:db8::1]")]
    [InlineData("localhost", "localhost")]
    public void Validate_Domain_IsNormalised(string domain, string expected)
    {
        var result = CheckRequestValidator.Validate(Valid() with { Domain = domain });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Request!.Domain);
    }

    [Theory]
    [InlineData("exa mple.com")]
    [InlineData("-example.com")]
    [InlineData("example-.com")]
    [InlineData("exa_mple.com")]
    [InlineData("example..com")]
    [InlineData(".example.com")]
    [InlineData("192.0.2.1")]
    [InlineData("2001:db8::1")]
    [InlineData("[192.0.2.300]")]
    [InlineData("[2001:db8::1]")]
    [InlineData("[IPv6:192.0.2.1]")]
    [InlineData("[192.0.2.1")]
    [InlineData("example.123")]
    [InlineData("a@example.com")]
    [InlineData("xn--a.com")]
    [InlineData("xn--zz-.com")]
    public void Validate_InvalidDomain_NamesDomain(string domain)
    {
        var error = SingleError(Valid() with { Domain = domain }, "domain");

        Assert.StartsWith("The domain ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DomainLabelTooLong_IsRefused()
    {
        var error = SingleError(Valid() with { Domain = new string('a', 64) + ".com" }, "domain");

        Assert.Contains("63", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DomainTooLong_IsRefused()
    {
        var label = new string('a', 60);
        var error = SingleError(Valid() with { Domain = string.Join('.', label, label, label, label, label) }, "domain");

        Assert.Contains("253", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DomainAtMaximumLength_IsAccepted()
    {
        var label = new string('a', 63);
        var domain = string.Join('.', label, label, label, new string('b', 61));
        Assert.Equal(253, domain.Length);

        Assert.True(CheckRequestValidator.Validate(Valid() with { Domain = domain }).IsValid);
    }

    [Theory]
    [InlineData("user@example.com", "user@example.com")]
    [InlineData("  user@Example.COM  ", "user@example.com")]
    [InlineData("first.last+tag@sub.example.com", "first.last+tag@sub.example.com")]
    [InlineData("\"john doe\"@example.com", "\"john doe\"@example.com")]
    [InlineData("user@[192.0.2.1]", "user@[192.0.2.1]")]
    [InlineData("user@[IPv6:2001:db8::1]", "user@[IPv6:2001:db8::1]")]
    [InlineData("josé@bücher.de", "josé@bücher.de")]
    [InlineData("user@xn--bcher-kva.de", "user@bücher.de")]
    public void Validate_ValidAddress_IsAcceptedAndNormalised(string address, string expected)
    {
        var result = CheckRequestValidator.Validate(Valid() with { From = address, Recipients = [address] });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Request!.From);
        Assert.Equal(expected, Assert.Single(result.Request.Recipients));
    }

    [Theory]
    [InlineData("John Doe <john@example.com>")]
    [InlineData("<john@example.com>")]
    [InlineData("\"John\" john@example.com")]
    [InlineData("john@example.com (John)")]
    [InlineData("john(comment)@example.com")]
    [InlineData("john")]
    [InlineData("@example.com")]
    [InlineData("john@")]
    [InlineData("john@@example.com")]
    [InlineData("jo hn@example.com")]
    [InlineData("john.@example.com")]
    [InlineData(".john@example.com")]
    [InlineData("jo..hn@example.com")]
    [InlineData("john@example.com, jane@example.com")]
    [InlineData("john@exa_mple.com")]
    [InlineData("john@192.0.2.1")]
    [InlineData("@route:john@example.com")]
    [InlineData("undisclosed:;")]
    public void Validate_InvalidFrom_NamesFrom(string address)
    {
        var error = SingleError(Valid() with { From = address }, "from");

        Assert.StartsWith("The sender address ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DisplayName_ExplainsBareAddress()
    {
        var error = SingleError(Valid() with { From = "John Doe <john@example.com>" }, "from");

        Assert.Contains("bare address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FromWithInjectedCommand_IsRefusedNamingFrom()
    {
        var error = SingleError(Valid() with { From = "a@b.c>\r\nRCPT TO:<x@y.z>" }, "from");

        Assert.Contains("carriage return", error.Message, StringComparison.Ordinal);
        Assert.Contains("position 7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EmptyFrom_IsAllowedForTheEngineDefault()
    {
        var result = CheckRequestValidator.Validate(Valid() with { From = "  " });

        Assert.True(result.IsValid);
        Assert.Equal("", result.Request!.From);
    }

    [Theory]
    [InlineData('\r')]
    [InlineData('\n')]
    [InlineData('\0')]
    [InlineData('\t')]
    [InlineData('\u001b')]
    [InlineData('\u007f')]
    [InlineData('\u0085')]
    [InlineData('\u009f')]
    [InlineData('\u2028')]
    [InlineData('\u2029')]
    public void Validate_ControlCharacterInAnyFieldButBody_IsRefusedInEachField(char c)
    {
        var request = new CheckRequest
        {
            Domain = "example" + c + ".com",
            From = "a" + c + "@example.com",
            Recipients = ["b@example.com", "c" + c + "@example.com"],
            Subject = "Hi" + c,
            Body = "Body" + c,
            EhloName = "mail" + c + ".example.com",
            Auth = new SmtpCredentials("user" + c, "pass" + c + "word"),
        };

        var result = CheckRequestValidator.Validate(request);

        Assert.False(result.IsValid);
        Assert.Equal(
            ["from", "to[1]", "domain", "subject", "ehloName", "auth.username", "auth.password"],
            result.Errors.Select(e => e.Field));
        Assert.All(result.Errors, e => Assert.Contains("U+", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PasswordError_NeverRepeatsThePassword()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Auth = new SmtpCredentials("user", "s3cret\nword") });

        var error = Assert.Single(result.Errors);
        Assert.Equal("auth.password", error.Field);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BodyWithControlCharacters_IsAccepted()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Body = "a\r\n.\r\nb\0\u007f\u2028" });

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Validate_ManyProblems_ReportsEveryOne()
    {
        var request = new CheckRequest
        {
            Domain = "bad domain",
            From = "not an address",
            Recipients = ["x@example.com", "nope"],
            Subject = new string('s', 201),
            Body = new string('b', CheckRequestValidator.MaxBodyBytes + 1),
            Mode = (CheckMode)42,
            Port = 0,
            Tls = (TlsPolicy)9,
            EhloName = "-bad-",
            Auth = new SmtpCredentials("user", ""),
        };

        var result = CheckRequestValidator.Validate(request);

        Assert.Equal(
            ["from", "to[1]", "domain", "subject", "body", "ehloName", "auth.password", "mode", "port", "tls"],
            result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void Validate_RecipientCountOutOfRange_NamesTo(int count)
    {
        var recipients = Enumerable.Range(0, count).Select(i => $"r{i}@example.com").ToList();

        var error = SingleError(Valid() with { Recipients = recipients, Domain = "example.com" }, "to");

        Assert.Contains("recipient", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FiveRecipients_IsAccepted()
    {
        var recipients = Enumerable.Range(0, 5).Select(i => $"r{i}@example.com").ToList();

        Assert.True(CheckRequestValidator.Validate(Valid() with { Recipients = recipients }).IsValid);
    }

    [Fact]
    public void Validate_NoDomainAndNoRecipients_NamesDomainAndTo()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Recipients = [] });

        Assert.Equal(["to", "domain"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_InvalidFirstRecipientWithoutDomain_NamesOnlyTheRecipient()
    {
        var error = SingleError(Valid() with { Recipients = ["nope"] }, "to[0]");

        Assert.StartsWith("Recipient 1 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DuplicateRecipient_IsRefused()
    {
        var error = SingleError(Valid() with { Recipients = ["a@example.com", "A@Example.com"] }, "to[1]");

        Assert.Contains("twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NullFields_AreTreatedAsEmpty()
    {
        var request = new CheckRequest { From = null!, Recipients = null!, Subject = null!, Body = null! };

        var result = CheckRequestValidator.Validate(request);

        Assert.Equal(["to", "domain"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void Validate_NullRecipientEntry_NamesIt()
    {
        SingleError(Valid() with { Recipients = ["a@example.com", null!] }, "to[1]");
    }

    [Fact]
    public void Validate_AddressLengths_AreCapped()
    {
        var local = new string('a', 64);
        var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 3)) + ".example.com";
        var longAddress = local + "@" + domain;
        Assert.True(longAddress.Length > CheckRequestValidator.MaxAddressLength);

        var error = SingleError(Valid() with { From = longAddress }, "from");
        Assert.Contains("254", error.Message, StringComparison.Ordinal);

        var longLocal = SingleError(Valid() with { From = new string('a', 65) + "@example.com" }, "from");
        Assert.Contains("64", longLocal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SubjectLength_IsCappedAt200()
    {
        Assert.True(CheckRequestValidator.Validate(Valid() with { Subject = new string('s', 200) }).IsValid);

        var error = SingleError(Valid() with { Subject = new string('s', 201) }, "subject");
        Assert.Contains("200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BodyLength_IsCountedInUtf8Bytes()
    {
        var exactly = new string('é', CheckRequestValidator.MaxBodyBytes / 2);
        Assert.True(CheckRequestValidator.Validate(Valid() with { Body = exactly }).IsValid);

        var error = SingleError(Valid() with { Body = exactly + "x" }, "body");
        Assert.Contains("65,537 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BodyWithLoneSurrogate_IsRefused()
    {
        SingleError(Valid() with { Body = "abc\ud800def" }, "body");
    }

    [Theory]
    [InlineData("mail.example.org", "mail.example.org")]
    [InlineData(" Mail.Example.ORG. ", "mail.example.org")]
    [InlineData("münchen.de", "xn--mnchen-3ya.de")]
    [InlineData("[192.0.2.1]", "[192.0.2.1]")]
    [InlineData("[IPv6:::1]", "[IPv6:::1]")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Validate_EhloName_IsNormalisedToAscii(string? ehlo, string? expected)
    {
        var result = CheckRequestValidator.Validate(Valid() with { EhloName = ehlo });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(expected, result.Request!.EhloName);
    }

    [Theory]
    [InlineData("mail example.org")]
    [InlineData("mail_example.org")]
    [InlineData("192.0.2.1")]
    [InlineData("[not-an-ip]")]
    public void Validate_InvalidEhloName_NamesEhloName(string ehlo)
    {
        var error = SingleError(Valid() with { EhloName = ehlo }, "ehloName");

        Assert.Contains("host name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_EhloNameTooLong_IsRefused()
    {
        var error = SingleError(Valid() with { EhloName = new string('a', 254) }, "ehloName");

        Assert.Contains("253", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user", "", "auth.password")]
    [InlineData("", "secret", "auth.username")]
    public void Validate_AuthWithOnlyOnePart_NamesTheMissingPart(string username, string password, string field)
    {
        var error = SingleError(Valid() with { Auth = new SmtpCredentials(username, password) }, field);

        Assert.Contains("both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AuthBothEmpty_BecomesNull()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Auth = new SmtpCredentials("", "") });

        Assert.True(result.IsValid);
        Assert.Null(result.Request!.Auth);
    }

    [Fact]
    public void Validate_AuthGiven_IsKeptExactly()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Auth = new SmtpCredentials(" user ", "pa ss") });

        Assert.Equal(new SmtpCredentials(" user ", "pa ss"), result.Request!.Auth);
    }

    [Fact]
    public void Validate_AuthTooLong_NamesEachPart()
    {
        var tooLong = new string('x', CheckRequestValidator.MaxCredentialLength + 1);

        var result = CheckRequestValidator.Validate(Valid() with { Auth = new SmtpCredentials(tooLong, tooLong) });

        Assert.Equal(["auth.username", "auth.password"], result.Errors.Select(e => e.Field));
        Assert.True(CheckRequestValidator.Validate(Valid() with { Auth = new SmtpCredentials(tooLong[1..], tooLong[1..]) }).IsValid);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(65536, false)]
    [InlineData(1, true)]
    [InlineData(465, true)]
    [InlineData(65535, true)]
    public void Validate_Port_MustBeInRange(int port, bool valid)
    {
        var result = CheckRequestValidator.Validate(Valid() with { Port = port });

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            Assert.Equal("port", Assert.Single(result.Errors).Field);
        }
    }

    [Fact]
    public void Validate_UndefinedEnums_NameModeAndTls()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Mode = (CheckMode)(-1), Tls = (TlsPolicy)4 });

        Assert.Equal(["mode", "tls"], result.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData(CheckMode.Send, false)]
    [InlineData(CheckMode.Probe, true)]
    [InlineData(CheckMode.Connect, true)]
    public void Validate_ScopeAll_OnlyWithProbeOrConnect(CheckMode mode, bool valid)
    {
        var result = CheckRequestValidator.Validate(Valid() with { Mode = mode, Scope = CheckScope.All });

        Assert.Equal(valid, result.IsValid);
        if (!valid)
        {
            var error = Assert.Single(result.Errors);
            Assert.Equal("scope", error.Field);
            Assert.Contains("never sends one message to several servers", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(CheckScope.All, result.Request!.Scope);
        }
    }

    [Fact]
    public void Validate_UndefinedScope_NamesScope() =>
        Assert.Equal("scope", Assert.Single(CheckRequestValidator.Validate(Valid() with { Scope = (CheckScope)7 }).Errors).Field);

    [Fact]
    public void Validate_ValidRequest_KeepsOtherFields()
    {
        var request = Valid() with { Mode = CheckMode.Probe, Port = 587, Tls = TlsPolicy.Required, Domain = "example.net" };

        var result = CheckRequestValidator.Validate(request);

        Assert.Equal(CheckMode.Probe, result.Request!.Mode);
        Assert.Equal(587, result.Request.Port);
        Assert.Equal(TlsPolicy.Required, result.Request.Tls);
        Assert.Equal(request.Body, result.Request.Body);
        Assert.Equal("example.net", result.Request.Domain);
    }

    [Theory]
    [InlineData("[127.1]")]
    [InlineData("example.com..")]
    [InlineData("bad_domain!.com")]
    public void Validate_InvalidDomainWithDefaultPostmaster_NamesOnlyTheDomain(string domain)
    {
        var error = SingleError(Valid() with { Domain = domain, Recipients = ["postmaster@" + domain] }, "domain");

        Assert.StartsWith("The domain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvalidDomainAndOtherInvalidRecipient_NamesBoth()
    {
        var result = CheckRequestValidator.Validate(Valid() with { Domain = "[127.1]", Recipients = ["someone@[127.1]"] });

        Assert.Contains(result.Errors, e => e.Field == "domain");
        Assert.Contains(result.Errors, e => e.Field == "to[0]");
    }

    [Theory]
    [InlineData("jo\u200Bhn@example.com", "U+200B")]
    [InlineData("\uFEFFjohn@example.com", "U+FEFF")]
    [InlineData("john\u202E@example.com", "U+202E")]
    [InlineData("\"jo\u200Dhn\"@example.com", "U+200D")]
    public void Validate_InvisibleFormatCharacterInAddress_NamesTheFieldAndTheCharacter(string address, string named)
    {
        var error = SingleError(Valid() with { Recipients = [address] }, "to[0]");

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_InvisibleFormatCharacterInSubject_IsAccepted()
    {
        // Emoji sequences join with U+200D; the subject is text for people, not an envelope address.
        var result = CheckRequestValidator.Validate(Valid() with { Subject = "Hi \U0001F469\u200D\U0001F4BB" });

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }
}
