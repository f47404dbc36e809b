using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailCheck.Core.Dns;
using MailCheck.Core.Net;
using MailCheck.Core.Tls;
using Microsoft.Extensions.Options;

namespace MailCheck.Core.Posture.MtaSts;

/// <summary>
/// Fetches <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c> as RFC 8461 §3.3 has senders do, and as safely
/// as MailCheck connects to MX hosts: the name is resolved with the check's own DNS (budgeted, shown), every address
/// passes the safety policy (<see cref="ITargetPolicy.EvaluateAddress"/>) and the connection goes to that exact address
/// on port 443 (never re-resolved, no proxy; SNI and the certificate name are the policy host). Redirects are not
/// followed, the body is read up to 64 KiB, the whole fetch is bounded by <c>MailCheck:MtaSts:FetchTimeout</c>, and the
/// certificate must chain to a trusted root (the system's store or <c>MailCheck:Tls:ExtraTrustedCaFile</c>) and name the
/// policy host in a subjectAltName DNS-ID.
/// </summary>
public sealed class MtaStsFetcher
{
    /// <summary>The only port a policy is fetched from.</summary>
    public const int Port = 443;

    /// <summary>The largest body read: RFC 8461 §3.3 suggests 64 kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Most addresses of the policy host tried.</summary>
    public const int MaxAddresses = 3;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IConnector _connector;
    private readonly ITargetPolicy _policy;
    private readonly CertificateTrust _trust;
    private readonly MtaStsOptions _options;
    private readonly TimeProvider _time;

    public MtaStsFetcher(IConnector connector, ITargetPolicy policy, CertificateTrust trust, IOptions<MtaStsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _connector = connector;
        _policy = policy;
        _trust = trust;
        _options = options.Value;
        _time = time;
    }

    /// <summary>The fetch's time limit.</summary>
    public TimeSpan Timeout => _options.FetchTimeout;

    /// <summary>Fetches the policy of <paramref name="domain"/> (ASCII). Never throws for what the network does.</summary>
    public async Task<MtaStsFetch> FetchAsync(string domain, CheckDns dns, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(domain);
        ArgumentNullException.ThrowIfNull(dns);
        var host = "mta-sts." + domain;
        var url = $"https://{host}/.well-known/mta-sts.txt";
        var started = _time.GetTimestamp();
        var aTask = dns.QueryAsync(host, DnsRecordType.A, "mta-sts", cancellationToken);
        var aaaaTask = dns.QueryAsync(host, DnsRecordType.AAAA, "mta-sts", cancellationToken);
        await Task.WhenAll(aTask, aaaaTask).ConfigureAwait(false);
        var a = await aTask.ConfigureAwait(false);
        var aaaa = await aaaaTask.ConfigureAwait(false);
        var addresses = a.Records.Concat(aaaa.Records)
            .Where(r => r.Type is DnsRecordType.A or DnsRecordType.AAAA && r.Address is not null)
            .Select(r => IPAddress.Parse(r.Address!))
            .Distinct()
            .ToList();
        var fetch = new MtaStsFetch { Url = url, Host = host, Status = MtaStsFetchStatus.Fetched, Addresses = [.. addresses.Select(ip => ip.ToString())] };
        if (addresses.Count == 0)
        {
            var failed = new[] { a, aaaa }.FirstOrDefault(x => x.Failed);
            return failed is not null
                ? fetch with { Status = MtaStsFetchStatus.DnsFailed, Error = $"the address lookup of {host} failed ({failed.Type}: {failed.Describe()})" }
                : fetch with { Status = MtaStsFetchStatus.NoPolicyHost, Error = a.NoSuchName ? $"{host} does not exist (NXDOMAIN)" : $"{host} has no A or AAAA record" };
        }

        var allowed = new List<IPAddress>();
        string? blockReason = null;
        foreach (var ip in addresses)
        {
            var decision = _policy.EvaluateAddress(ip);
            if (decision.Allowed)
            {
                allowed.Add(ip);
            }
            else
            {
                blockReason ??= decision.Reason ?? $"{ip} is refused by the safety policy";
            }
        }

        if (allowed.Count == 0)
        {
            return fetch with { Status = MtaStsFetchStatus.Blocked, Error = $"MailCheck's safety policy refused every address of {host}: {blockReason}" };
        }

        var attempt = new Attempt(host, _trust, _time);
        using var timer = new CancellationTokenSource(_options.FetchTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            fetch = await GetAsync(fetch, allowed.Take(MaxAddresses).ToList(), attempt, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            var seconds = _options.FetchTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
            fetch = fetch with { Status = MtaStsFetchStatus.Timeout, Error = $"no complete answer within {seconds} s" };
        }
        catch (HttpRequestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            fetch = Failed(fetch, ex, attempt);
        }

        return fetch with { Address = attempt.Address, Certificate = attempt.Certificate, Elapsed = _time.GetElapsedTime(started) };
    }

    private static MtaStsFetch Failed(MtaStsFetch fetch, HttpRequestException ex, Attempt attempt)
    {
        if (attempt.Address is null)
        {
            return fetch with { Status = MtaStsFetchStatus.ConnectFailed, Error = $"no connection to port {Port}: {string.Join("; ", attempt.ConnectErrors.DefaultIfEmpty(ex.Message))}" };
        }

        if (attempt.Certificate is { } c && !(c.ChainValid && c.NameMatches))
        {
            var why = !c.ChainValid ? "its chain does not validate (" + string.Join("; ", c.ChainErrors) + ")" : $"it does not name {fetch.Host} in a subjectAltName";
            return fetch with { Status = MtaStsFetchStatus.CertificateInvalid, Error = $"the certificate of {fetch.Host} is not valid: {why}" };
        }

        var inner = ex.InnerException is null ? "" : $" ({ex.InnerException.Message})";
        return ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException
            ? fetch with { Status = MtaStsFetchStatus.TlsFailed, Error = $"the TLS handshake with {fetch.Host} failed: {ex.Message}{inner}" }
            : fetch with { Status = MtaStsFetchStatus.BadResponse, Error = $"the HTTPS answer could not be read: {ex.Message}{inner}" };
    }

    private async Task<MtaStsFetch> GetAsync(MtaStsFetch fetch, List<IPAddress> addresses, Attempt attempt, CancellationToken token)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 1,
            ConnectTimeout = _options.FetchTimeout,
            MaxResponseHeadersLength = 16,
            ConnectCallback = (_, ct) => ConnectAsync(addresses, attempt, ct),
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = fetch.Host,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = attempt.Validate,
            },
        };
        using var client = new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, fetch.Url) { Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("MailCheck", "1.0"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("(MTA-STS policy check)"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/plain"));
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);

        var status = (int)response.StatusCode;
        var contentType = response.Content.Headers.ContentType;
        fetch = fetch with { HttpStatus = status, ContentType = contentType?.ToString() };
        if (status is >= 300 and < 400)
        {
            var location = response.Headers.Location?.ToString();
            return fetch with { Status = MtaStsFetchStatus.Redirect, Location = location, Error = $"{fetch.Host} answered {status} {response.ReasonPhrase} (a redirect{(location is null ? "" : " to " + location)})" };
        }

        if (status != 200)
        {
            return fetch with { Status = MtaStsFetchStatus.HttpError, Error = $"{fetch.Host} answered {status} {response.ReasonPhrase}" };
        }

        if (response.Content.Headers.ContentLength > MaxBodyBytes)
        {
            return fetch with { Status = MtaStsFetchStatus.TooLarge, Error = $"the body is {response.Content.Headers.ContentLength} bytes, more than {MaxBodyBytes}" };
        }

        var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxBodyBytes + 1];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), token).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            if (total > MaxBodyBytes)
            {
                return fetch with { Status = MtaStsFetchStatus.TooLarge, Error = $"the body is more than {MaxBodyBytes} bytes" };
            }

            string body;
            try
            {
                body = StrictUtf8.GetString(buffer, 0, total);
            }
            catch (DecoderFallbackException)
            {
                return fetch with { Status = MtaStsFetchStatus.BadResponse, Error = "the body is not UTF-8 text" };
            }

            fetch = fetch with { Body = body };
        }

        if (!string.Equals(contentType?.MediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            var got = contentType is null ? "no Content-Type" : $"Content-Type {contentType}";
            return fetch with { Status = MtaStsFetchStatus.WrongContentType, Error = $"{fetch.Host} sent the policy with {got}, not text/plain" };
        }

        var charset = contentType!.CharSet?.Trim('"');
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
            ? fetch
            : fetch with { Note = $"the charset is {charset}; RFC 8461 §3.2 expects utf-8 or us-ascii" };
    }

    private async ValueTask<Stream> ConnectAsync(List<IPAddress> addresses, Attempt attempt, CancellationToken token)
    {
        foreach (var ip in addresses)
        {
            try
            {
                var stream = await _connector.ConnectAsync(new IPEndPoint(ip, Port), token).ConfigureAwait(false);
                attempt.Address = ip.ToString();
                return stream;
            }
            catch (SocketException ex)
            {
                attempt.ConnectErrors.Add($"{ip}: {ex.Message}");
            }
            catch (IOException ex)
            {
                attempt.ConnectErrors.Add($"{ip}: {ex.Message}");
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, "no address of the policy host accepted a connection");
    }

    /// <summary>What one fetch saw on the way: where it connected, the certificate and its verdict.</summary>
    private sealed class Attempt(string host, CertificateTrust trust, TimeProvider time)
    {
        public string? Address { get; set; }

        public List<string> ConnectErrors { get; } = [];

        public MtaStsCertificate? Certificate { get; private set; }

        public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (certificate is null)
            {
                return false;
            }

            using var cert = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            var presented = chain?.ChainPolicy.ExtraStore.Cast<X509Certificate2>().ToList() ?? [];
            var validation = trust.Validate(cert, presented, time.GetUtcNow());
            bool names;
            try
            {
                names = cert.MatchesHostname(host, allowWildcards: true, allowCommonName: false);
            }
            catch (ArgumentException)
            {
                names = false;
            }

            Certificate = new MtaStsCertificate
            {
                Subject = cert.Subject,
                Issuer = cert.Issuer,
                SubjectAlternativeNames = DnsNames(cert),
                NotAfter = new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero),
                ChainValid = validation.Valid,
                ChainErrors = validation.Errors,
                TrustedByExtraCa = validation.TrustedByExtraCa,
                NameMatches = names,
            };
            return validation.Valid && names;
        }

        private static List<string> DnsNames(X509Certificate2 cert)
        {
            try
            {
                return cert.Extensions
                    .Where(e => e.Oid?.Value == "2.5.29.17")
                    .SelectMany(e => (e as X509SubjectAlternativeNameExtension ?? new X509SubjectAlternativeNameExtension(e.RawData, e.Critical)).EnumerateDnsNames())
                    .ToList();
            }
            catch (CryptographicException)
            {
                return [];
            }
        }
    }
}
