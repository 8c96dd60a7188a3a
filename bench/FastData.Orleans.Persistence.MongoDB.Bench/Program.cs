// Measures MongoDB round trips per grain write through MongoDBGrainStorage's group committer.
// Usage: dotnet run -c Release --project bench/FastData.Orleans.Persistence.MongoDB.Bench -- \
//          [--writers 1,100,1000] [--writes 20] [--window-ms 2] [--batch 500]      (MONGO_URI must be set)
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using FastData.Orleans.Persistence.MongoDB;
using FastData.Orleans.Persistence.MongoDB.Bench;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;

var connectionString = Environment.GetEnvironmentVariable("MONGO_URI");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("Set MONGO_URI to the MongoDB server to measure against.");
    return 2;
}

var writerCounts = Arg("--writers", "1,100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
var writesPerWriter = int.Parse(Arg("--writes", "20"), CultureInfo.InvariantCulture);
var windowMs = double.Parse(Arg("--window-ms", "2"), CultureInfo.InvariantCulture);
var batchSize = int.Parse(Arg("--batch", "500"), CultureInfo.InvariantCulture);
var activators = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<IActivatorProvider>();

Console.WriteLine($"MongoDB: {MongoConnectionStringRedactor.Redact(connectionString)}; group commit window {windowMs} ms, batch size {batchSize}; {writesPerWriter} sequential writes per writer");
Console.WriteLine("writers | grain writes | write commands | other commands | round trips/write | writes/bulk | elapsed s | writes/s | p50 ms | p99 ms");
foreach (var writers in writerCounts)
{
    var commands = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
    var database = $"fdbench_{Guid.NewGuid():N}"[..30];
    var options = new MongoDBGrainStorageOptions
    {
        ConnectionString = connectionString,
        DatabaseName = database,
        GroupCommitWindow = TimeSpan.FromMilliseconds(windowMs),
        GroupCommitMaxBatchSize = batchSize,
        ConfigureClientSettings = s => s.ClusterConfigurator = c => c.Subscribe<CommandStartedEvent>(e => commands.AddOrUpdate(e.CommandName, 1, (_, n) => n + 1)),
    };
    var storage = new MongoDBGrainStorage("bench", options, activators, NullLoggerFactory.Instance);
    try
    {
        // Warm the connection pool so the first scenario does not pay for the handshake.
        await storage.Database.RunCommandAsync<MongoDB.Bson.BsonDocument>(new MongoDB.Bson.BsonDocument("ping", 1));
        commands.Clear();
        var latencies = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var grain = GrainId.Create("bench", $"w{w}");
            var state = new GrainState<BenchState>(new BenchState { Name = $"writer {w}" });
            for (var i = 0; i < writesPerWriter; i++)
            {
                state.State!.Count++;
                state.State.UpdatedAt = DateTime.UtcNow;
                var started = Stopwatch.GetTimestamp();
                await storage.WriteStateAsync("state", grain, state, CancellationToken.None);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        })));
        clock.Stop();

        var total = writers * writesPerWriter;
        var writeCommands = commands.GetValueOrDefault("update") + commands.GetValueOrDefault("insert");
        var other = commands.Where(c => c.Key is not ("update" or "insert")).Sum(c => c.Value);
        var sorted = latencies.Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{writers,7} | {total,12} | {writeCommands,14} | {other,14} | {(double)(writeCommands + other) / total,17:0.0000} | {(double)total / writeCommands,11:0.0} | {clock.Elapsed.TotalSeconds,9:0.00} | {total / clock.Elapsed.TotalSeconds,8:0} | {sorted[sorted.Length / 2],6:0.0} | {sorted[(int)(sorted.Length * 0.99)],6:0.0}"));
        if (other > 0)
        {
            Console.WriteLine($"        other commands: {string.Join(", ", commands.Where(c => c.Key is not ("update" or "insert")).Select(c => $"{c.Key}={c.Value}"))}");
        }
    }
    finally
    {
        await storage.DisposeAsync();
        await new MongoClient(connectionString).DropDatabaseAsync(database);
    }
}

return 0;

string Arg(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
