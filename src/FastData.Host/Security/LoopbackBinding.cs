using System.Globalization;
using System.Net;

namespace FastData.Host.Security;

/// <summary>
/// Keeps the default run (no configured key, so a generated admin key) off the network: every URL the host would
/// listen on that is not a loopback address is rewritten to 127.0.0.1 on the same port.
/// </summary>
public static class LoopbackBinding
{
    /// <summary>Rewrites <c>urls</c> and <c>http_ports</c>/<c>https_ports</c>; returns a sentence per rewrite.</summary>
    public static IReadOnlyList<string> Restrict(IWebHostBuilder webHost)
    {
        var notices = new List<string>();
        var urls = new List<string>();
        var configured = webHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            foreach (var url in configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var rewritten = ToLoopback(url);
                if (rewritten != url)
                {
                    notices.Add($"{url} -> {rewritten}");
                }

                urls.Add(rewritten);
            }
        }

        foreach (var (setting, scheme) in new[] { (WebHostDefaults.HttpPortsKey, "http"), (WebHostDefaults.HttpsPortsKey, "https") })
        {
            var ports = webHost.GetSetting(setting);
            if (string.IsNullOrWhiteSpace(ports))
            {
                continue;
            }

            foreach (var port in ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var url = string.Create(CultureInfo.InvariantCulture, $"{scheme}://127.0.0.1:{port}");
                notices.Add($"{scheme} port {port} (all interfaces) -> {url}");
                urls.Add(url);
            }

            webHost.UseSetting(setting, null);
        }

        if (notices.Count > 0)
        {
            webHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.Join(';', urls));
        }

        return notices;
    }

    /// <summary>The URL with a loopback host: unchanged when it is already loopback (localhost, 127.x, ::1).</summary>
    public static string ToLoopback(string url)
    {
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return url;
        }

        var hostStart = schemeEnd + 3;
        var rest = url[hostStart..];
        string host;
        string tail;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = rest[1..close];
            tail = rest[(close + 1)..];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
            tail = end < 0 ? string.Empty : rest[end..];
        }

        var isLoopback = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
        return isLoopback ? url : $"{url[..hostStart]}127.0.0.1{tail}";
    }
}
