using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using MailCheck.Testing;

namespace MailCheck.Deploy.Tests.Infrastructure;

/// <summary>
/// A private nginx (<c>nginx -p DIR -c conf -g 'daemon off;'</c>) whose server block is generated from the repository's
/// deploy/nginx/default.conf, so the tested proxy cannot drift from the shipped one. Only three things change: the
/// upstream (the compose service becomes 127.0.0.1:port), the listener (TLS on 127.0.0.1, as a public proxy would
/// terminate it) and the location (served under a path base).
/// </summary>
internal sealed partial class PrivateNginx : IAsyncDisposable
{
    private readonly AppProcess _process;
    private readonly string _directory;

    private PrivateNginx(AppProcess process, string directory, int port, X509Certificate2 certificate)
    {
        _process = process;
        _directory = directory;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    public X509Certificate2 Certificate { get; }

    public string ErrorLog => File.Exists(Path.Combine(_directory, "error.log")) ? File.ReadAllText(Path.Combine(_directory, "error.log")) : "";

    private static readonly string[] Candidates = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"];

    public static string Executable =>
        Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            "nginx is not installed: these tests run the app behind a private nginx. Install the Debian package 'nginx' (test.sh does).");

    /// <summary>The shipped server config adapted to this machine; fails when the shipped file no longer has the expected shape.</summary>
    public static string ServerConfig(string shipped, int appPort, int listenPort, string pathBase, string certificate, string key, int expectedUpstreamPort)
    {
        // Whole-line comments go first: they may quote the very lines that are replaced.
        shipped = string.Join('\n', shipped.Split('\n').Where(l => !l.TrimStart().StartsWith('#')));
        var upstream = UpstreamServer().Matches(shipped);
        Assert.True(upstream.Count == 1, $"deploy/nginx/default.conf: expected one 'server {ContainerRecipe.AppService}:PORT;' upstream line, found {upstream.Count}.");
        Assert.Equal(expectedUpstreamPort.ToString(CultureInfo.InvariantCulture), upstream[0].Groups[1].Value);
        var config = UpstreamServer().Replace(shipped, $"server 127.0.0.1:{appPort};");

        Assert.True(Listen().Count(config) == 1, "deploy/nginx/default.conf: expected one 'listen PORT;' line.");
        config = Listen().Replace(config, $"listen 127.0.0.1:{listenPort} ssl;\n    ssl_certificate {certificate};\n    ssl_certificate_key {key};");

        Assert.True(RootLocation().Count(config) == 1, "deploy/nginx/default.conf: expected one 'location / {' block.");
        return RootLocation().Replace(config, $"location {pathBase.TrimEnd('/')}/ {{");
    }

    public static async Task<PrivateNginx> StartAsync(int appPort, string pathBase)
    {
        var nginx = Executable;
        var dir = Path.Combine(Path.GetTempPath(), "mailcheck-deploy-nginx", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(dir, "tmp"));
        Directory.CreateDirectory(Path.Combine(dir, "logs"));

        var certificate = CreateCertificate();
        var certPath = Path.Combine(dir, "cert.pem");
        var keyPath = Path.Combine(dir, "key.pem");
        await File.WriteAllTextAsync(certPath, certificate.ExportCertificatePem());
        using (var rsa = certificate.GetRSAPrivateKey()!)
        {
            await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem());
        }

        var port = FreePort.Tcp();
        var server = ServerConfig(
            await File.ReadAllTextAsync(Repo.PathOf("deploy", "nginx", "default.conf")),
            appPort, port, pathBase, certPath, keyPath, ContainerRecipe.Current.HttpPort);
        var conf = $$"""
            worker_processes 1;
            pid {{dir}}/nginx.pid;
            error_log {{dir}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log {{dir}}/access.log;
                client_body_temp_path {{dir}}/tmp/body;
                proxy_temp_path {{dir}}/tmp/proxy;
                fastcgi_temp_path {{dir}}/tmp/fastcgi;
                uwsgi_temp_path {{dir}}/tmp/uwsgi;
                scgi_temp_path {{dir}}/tmp/scgi;
            {{server}}
            }
            """;
        var confPath = Path.Combine(dir, "nginx.conf");
        await File.WriteAllTextAsync(confPath, conf);

        var env = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin" };
        await using (var check = AppProcess.Start(dir, [nginx, "-t", "-p", dir, "-c", confPath], env))
        {
            Assert.True(await check.WaitForExitAsync(TimeSpan.FromSeconds(20)), "nginx -t did not finish");
            Assert.True(check.ExitCode == 0, $"nginx rejected the configuration generated from deploy/nginx/default.conf:\n{check.Output}\n---\n{conf}");
        }

        var process = AppProcess.Start(dir, [nginx, "-p", dir, "-c", confPath, "-g", "daemon off;"], env);
        var proxy = new PrivateNginx(process, dir, port, certificate);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var output = process.Output;
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start:\n{output}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.TerminateAsync();
            await _process.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        await _process.DisposeAsync();
        Certificate.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=public.example", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("public.example");
        request.CertificateExtensions.Add(san.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    [GeneratedRegex($@"server\s+{ContainerRecipe.AppService}:(\d+)\s*;")]
    private static partial Regex UpstreamServer();

    [GeneratedRegex(@"listen\s+\d+\s*;")]
    private static partial Regex Listen();

    [GeneratedRegex(@"location\s+/\s*\{")]
    private static partial Regex RootLocation();
}
