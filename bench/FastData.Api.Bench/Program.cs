using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

// Starts the FastData host (sample feed with --keys customers) and the ceiling app as separate processes, waits
// until the host serves every customer-360 document, then drives each with the same closed-loop load over random
// keys and prints requests/s, p50/p99 latency and the ratio. Build both servers in Release first (see README).
var settings = Args.Parse(args);
// The ceiling serves keys 1..N with documents of the host's size; the host serves the N single views it built.
var root = FindRepositoryRoot();
const string Key = "bench-key-0123456789";

Console.WriteLine($"keys={settings.Keys} connections={settings.Connections} warmup={settings.Warmup.TotalSeconds}s duration={settings.Duration.TotalSeconds}s "
    + $"feed-rate={settings.FeedRate}/s changes={(settings.Changes < 0 ? "endless" : settings.Changes.ToString(CultureInfo.InvariantCulture))} settle={settings.Settle.TotalSeconds}s cores={Environment.ProcessorCount}");
var hostPort = FreePort();
string[] hostArguments =
[
    $"--urls=http://127.0.0.1:{hostPort}", $"--FastData:ApiKeys:0:Key={Key}", "--FastData:ApiKeys:0:Role=reader",
    $"--FastData:SampleFeed:Customers={settings.Keys}", $"--FastData:SampleFeed:EventsPerSecond={settings.FeedRate}",
    .. settings.Changes >= 0 ? [$"--FastData:SampleFeed:ChangeEvents={settings.Changes}"] : Array.Empty<string>(),
    $"--FastData:Silo:SiloPort={FreePort()}", $"--FastData:Silo:GatewayPort={FreePort()}",
    "--Logging:LogLevel:Default=Warning", $"--FastData:ConfigPath={Path.Combine(root, "samples/retail")}",
];
using var host = Start(Path.Combine(root, "src/FastData.Host/bin/Release/net10.0/FastData.Host.dll"), hostArguments);
var hostUrl = $"http://127.0.0.1:{hostPort}";
using var client = Client(settings.Connections);
var count = 0L;
var ingestion = Stopwatch.StartNew();
try
{
    await WaitForAsync($"{settings.Keys} documents at {hostUrl}/api/single-views/customer-360/count", async () =>
    {
        count = JsonNode.Parse(await client.GetStringAsync(new Uri($"{hostUrl}/api/single-views/customer-360/count")))!["count"]!.GetValue<long>();
        return count >= settings.Keys;
    }, settings.IngestTimeout);
}
catch (TimeoutException) when (count > 0)
{
    Console.WriteLine($"only {count} single views after {settings.IngestTimeout.TotalSeconds} s of ingestion: measuring over those");
}

// The hot keys are the single views that exist (the list endpoint pages through them).
var keys = new List<string>();
while (keys.Count < settings.Keys)
{
    var page = JsonNode.Parse(await client.GetStringAsync(new Uri($"{hostUrl}/api/single-views/customer-360?_p=CUSTOMER_ID&_l=500&_sk={keys.Count}")))!["items"]!.AsArray();
    if (page.Count == 0)
    {
        break;
    }

    keys.AddRange(page.Select(i => i!["_id"]!.GetValue<string>()));
}

var sample = await client.GetByteArrayAsync(new Uri($"{hostUrl}/api/single-views/customer-360/{keys[keys.Count / 2]}"));
Console.WriteLine($"host ready after {ingestion.Elapsed.TotalSeconds:F0} s: {keys.Count} hot keys; a document is {sample.Length} bytes");
settings = settings with { Keys = keys.Count };
if (settings.Settle > TimeSpan.Zero)
{
    // Reads in the steady state rather than right after ingestion: by then the runtime has finished digesting the load
    // (background GC) and idle projection grains have been deactivated (FastData:Projections:IdleDeactivation).
    Console.WriteLine($"settling: the host stays idle for {settings.Settle.TotalSeconds:F0} s before the reads");
    await Task.Delay(settings.Settle);
}

var grain = await LoadAsync("grain-backed", hostUrl, client, settings, keys);
host.Kill(entireProcessTree: true);

var ceilingPort = FreePort();
using var ceiling = Start(Path.Combine(root, "bench/FastData.Api.Ceiling/bin/Release/net10.0/FastData.Api.Ceiling.dll"),
    $"--urls=http://127.0.0.1:{ceilingPort}", $"--keys={settings.Keys}", $"--doc-bytes={sample.Length}", $"--key={Key}");
var ceilingUrl = $"http://127.0.0.1:{ceilingPort}";
await WaitForAsync($"{ceilingUrl}/health/ready", async () => (await client.GetAsync(new Uri($"{ceilingUrl}/health/ready"))).IsSuccessStatusCode, TimeSpan.FromMinutes(1));
var top = await LoadAsync("ceiling", ceilingUrl, client, settings, [.. Enumerable.Range(1, keys.Count).Select(k => k.ToString(CultureInfo.InvariantCulture))]);
ceiling.Kill(entireProcessTree: true);

Console.WriteLine();
Console.WriteLine($"{"",-14}{"req/s",12}{"p50 ms",10}{"p99 ms",10}{"errors",8}");
foreach (var r in new[] { grain, top })
{
    Console.WriteLine($"{r.Name,-14}{r.RequestsPerSecond,12:F0}{r.P50,10:F2}{r.P99,10:F2}{r.Errors,8}");
}

Console.WriteLine($"ratio grain-backed / ceiling: {grain.RequestsPerSecond / top.RequestsPerSecond:P1} of the ceiling's req/s (goal: 60% or better)");
return 0;

static async Task<Result> LoadAsync(string name, string baseUrl, HttpClient client, Args settings, IReadOnlyList<string> keys)
{
    var uris = keys.Select(k => new Uri($"{baseUrl}/api/single-views/customer-360/{Uri.EscapeDataString(k)}")).ToArray();
    await RunAsync(client, uris, settings.Connections, settings.Warmup, record: null);
    var latencies = new List<double>[settings.Connections];
    var errors = 0L;
    var clock = Stopwatch.StartNew();
    await RunAsync(client, uris, settings.Connections, settings.Duration, (worker, ms, ok) =>
    {
        (latencies[worker] ??= new List<double>(100_000)).Add(ms);
        if (!ok)
        {
            Interlocked.Increment(ref errors);
        }
    });
    var elapsed = clock.Elapsed.TotalSeconds;
    var all = latencies.Where(l => l is not null).SelectMany(l => l).Order().ToArray();
    return new Result(name, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), errors);
}

static Task RunAsync(HttpClient client, Uri[] uris, int connections, TimeSpan duration, Action<int, double, bool>? record)
{
    var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    return Task.WhenAll(Enumerable.Range(0, connections).Select(worker => Task.Run(async () =>
    {
        var random = new Random(worker);
        while (Stopwatch.GetTimestamp() < end)
        {
            var start = Stopwatch.GetTimestamp();
            var ok = false;
            try
            {
                using var response = await client.GetAsync(uris[random.Next(uris.Length)], HttpCompletionOption.ResponseContentRead);
                ok = response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
            }

            record?.Invoke(worker, Stopwatch.GetElapsedTime(start).TotalMilliseconds, ok);
        }
    })));
}

static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

static HttpClient Client(int connections)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
    client.DefaultRequestHeaders.Add("X-Api-Key", Key);
    return client;
}

static Process Start(string dll, params string[] arguments)
{
    if (!File.Exists(dll))
    {
        throw new FileNotFoundException($"{dll} is missing: build it in Release first (dotnet build -c Release <project>).");
    }

    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
    start.ArgumentList.Add(dll);
    foreach (var argument in arguments)
    {
        start.ArgumentList.Add(argument);
    }

    var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
    process.OutputDataReceived += (_, _) => { };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"[{Path.GetFileNameWithoutExtension(dll)}] {e.Data}"); } };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();
    return process;
}

static async Task WaitForAsync(string what, Func<Task<bool>> condition, TimeSpan timeout)
{
    var deadline = DateTime.UtcNow + timeout;
    var last = "(no answer)";
    while (DateTime.UtcNow < deadline)
    {
        try
        {
            if (await condition())
            {
                return;
            }

            last = "not yet";
        }
        catch (HttpRequestException e)
        {
            last = e.Message;
        }

        await Task.Delay(500);
    }

    throw new TimeoutException($"{what} was not ready within {timeout.TotalSeconds} s; last: {last}");
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "FastData.Orleans.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("run the bench from inside the repository");
}

internal sealed record Result(string Name, double RequestsPerSecond, double P50, double P99, long Errors);

/// <summary>--keys, --connections, --warmup and --duration (s), --ingest-timeout (s), --feed-rate (the sample feed's
/// events/s while the single views are built), --changes (change events after the snapshot; -1 = endless, so that
/// reads are measured while ingestion goes on), --settle (s the host stays idle between ingestion and the reads; 0 = read
/// at once).</summary>
internal sealed record Args(int Keys, int Connections, TimeSpan Warmup, TimeSpan Duration, TimeSpan IngestTimeout, int FeedRate, int Changes, TimeSpan Settle)
{
    public static Args Parse(string[] args)
    {
        int Get(string name, int fallback)
        {
            var index = Array.IndexOf(args, $"--{name}");
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }

        return new Args(Get("keys", 10_000), Get("connections", 32), TimeSpan.FromSeconds(Get("warmup", 5)), TimeSpan.FromSeconds(Get("duration", 15)),
            TimeSpan.FromSeconds(Get("ingest-timeout", 300)), Get("feed-rate", 4000), Get("changes", 0), TimeSpan.FromSeconds(Get("settle", 0)));
    }
}
