using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Driver;
using Orleans;
using Orleans.Runtime;

namespace FastData.Host.Tests;

/// <summary>The host with <c>ConnectionStrings:mongodb</c>: the sample feed's records and single views land in MongoDB as
/// natural documents, and hosts sharing the database form one Orleans cluster through its membership table.</summary>
public sealed class MongoHostTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Host_WithMongoDB_IsReadyAndStoresSampleFeedSingleViewsAsNaturalDocuments()
    {
        var uri = MongoTestServer.RequireUri();
        var database = MongoTestServer.NewDatabaseName();
        using var mongo = new MongoClient(uri);
        try
        {
            await using var host = new MongoHostFactory(uri, database, $"c{Guid.NewGuid():N}", sampleFeed: true);
            using var client = Client(host);

            await WaitAsync("/health/ready to answer 200", async ct => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct)).StatusCode == HttpStatusCode.OK);
            JsonObject? customer = null;
            await WaitAsync("customer-360/3 with an order and its items in the API", async ct =>
            {
                using var response = await client.GetAsync(new Uri("/api/single-views/customer-360/3", UriKind.Relative), ct);
                customer = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!.AsObject() : null;
                return customer?["orders"]?.AsArray().Count > 0;
            });

            Assert.Equal(3, customer!["CUSTOMER_ID"]!.GetValue<long>());
            var db = mongo.GetDatabase(database);
            // The grain answers its new document while MongoDB is still acknowledging the write: wait for the stored one.
            BsonDocument? view = null;
            await WaitAsync("customer-360/3 with its orders in MongoDB", async ct =>
            {
                view = await db.GetCollection<BsonDocument>("customer-360").Find(new BsonDocument("_id", "3")).FirstOrDefaultAsync(ct);
                return view?.GetValue("orders", BsonNull.Value) is BsonArray { Count: > 0 };
            });
            Assert.Equal(3L, view!["CUSTOMER_ID"].AsInt64);
            Assert.Equal(BsonType.DateTime, view["updatedAt"].BsonType);
            var record = await db.GetCollection<BsonDocument>("customers").Find(new BsonDocument("_id", "3")).SingleAsync(Ct);
            Assert.Equal("PUBLIC", record["__STATE__"].AsString);
            Assert.Equal(BsonType.Int64, record["CUSTOMER_ID"].BsonType);
            Assert.Equal(customer["FIRST_NAME"]!.GetValue<string>(), record["FIRST_NAME"].AsString);
            var indexes = await (await db.GetCollection<BsonDocument>("orders").Indexes.ListAsync(Ct)).ToListAsync(Ct);
            Assert.Contains(indexes, i => i["name"].AsString == "fd_CUSTOMER_ID");
        }
        finally
        {
            await mongo.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    [Fact]
    public async Task TwoHosts_SameMongoDBAndClusterId_FormOneCluster()
    {
        var uri = MongoTestServer.RequireUri();
        var database = MongoTestServer.NewDatabaseName();
        var clusterId = $"c{Guid.NewGuid():N}";
        using var mongo = new MongoClient(uri);
        try
        {
            await using var first = new MongoHostFactory(uri, database, clusterId, sampleFeed: false);
            await using var second = new MongoHostFactory(uri, database, clusterId, sampleFeed: false);
            using var firstClient = Client(first);
            using var secondClient = Client(second);

            foreach (var client in new[] { firstClient, secondClient })
            {
                await WaitAsync("/health/ready to answer 200 on both hosts", async ct => (await client.GetAsync(new Uri("/health/ready", UriKind.Relative), ct)).StatusCode == HttpStatusCode.OK);
            }

            var management = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
            await WaitAsync("two active silos in the cluster", async _ => (await management.GetHosts(onlyActive: true)).Count == 2);
            var membership = await mongo.GetDatabase(database).GetCollection<BsonDocument>("OrleansMembership").Find(new BsonDocument("_id", clusterId)).SingleAsync(Ct);
            Assert.Equal(2, membership["rows"].AsBsonDocument.ElementCount);
        }
        finally
        {
            await mongo.DropDatabaseAsync(database, CancellationToken.None);
        }
    }

    [Theory]
    [InlineData("FastData:Silo:AdvertisedIPAddress", "silo-one", "FastData:Silo:AdvertisedIPAddress: 'silo-one' is not an IP address.")]
    [InlineData("FastData:Mongo:Database", "fast.data", "FastData:Mongo:Database: 'fast.data' is not a valid MongoDB database name")]
    [InlineData("FastData:Mongo:GroupCommitMaxBatchSize", "0", "GroupCommitMaxBatchSize must be between 1 and 100000")]
    public async Task Host_InvalidMongoSetting_RefusesToStartNamingTheSetting(string key, string value, string expected)
    {
        // As its own process: a setting checked before the host is built makes the program exit with code 2, which an
        // in-process factory can only report as "the entry point exited".
        var uri = MongoTestServer.RequireUri();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:mongodb"] = uri,
            ["FastData:Mongo:Database"] = MongoTestServer.NewDatabaseName(),
            ["FastData:Silo:ClusterId"] = $"c{Guid.NewGuid():N}",
            ["FastData:Silo:AdvertisedIPAddress"] = "127.0.0.1",
            ["FastData:Silo:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["FastData:Silo:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["FastData:SampleFeed:Enabled"] = "false",
            ["urls"] = "http://127.0.0.1:0",
            [key] = value,
        };

        var (exitCode, output) = await HostProcessTests.RunHostAsync([.. settings.Select(s => $"--{s.Key}={s.Value}")]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(expected, output, StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpClient Client(MongoHostFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", MongoHostFactory.ReaderKey);
        return client;
    }

    private static async Task WaitAsync(string what, Func<CancellationToken, Task<bool>> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Timeout);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        Exception? last = null;
        try
        {
            do
            {
                try
                {
                    if (await condition(timeout.Token))
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or OrleansException or TimeoutException)
                {
                    last = ex;
                }
            }
            while (await poll.WaitForNextTickAsync(timeout.Token));
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"Waited {Timeout.TotalSeconds:0} s for {what}; it did not happen{(last is null ? "." : $" (last error: {last.Message}).")}");
    }
}
