using MongoDB.Bson;
using Orleans;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Cluster;

public sealed class TwoSiloClusterTests
{
    [Fact]
    public async Task Cluster_FormsThroughMongoMembershipAndSurvivesOneSiloStopping()
    {
        var connectionString = MongoTestEnvironment.RequireConnectionString();
        var database = MongoTestEnvironment.NewDatabaseName("fdcluster");
        var ct = TestContext.Current.CancellationToken;
        var builder = new TestClusterBuilder(2);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ClusterId = $"c-{Guid.NewGuid():N}";
        builder.Properties[MongoSiloConfigurator.DatabaseKey] = database;
        builder.AddSiloBuilderConfigurator<MongoSiloConfigurator>();
        builder.AddClientBuilderConfigurator<MongoClientConfigurator>();
        var cluster = builder.Build();
        var membership = new MongoClient(connectionString).GetDatabase(database).GetCollection<BsonDocument>("OrleansMembership");
        try
        {
            await cluster.DeployAsync(ct);
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            await Eventually.TrueAsync(
                async () => await CountActiveHostsAsync(management) == 2,
                TimeSpan.FromSeconds(60), "both silos to be Active in the MongoDB membership table");
            Assert.Equal(2, await CountRowsAsync(membership, builder.Options.ClusterId, "Active", ct));
            // The storage's declared index was created when the silos started.
            var indexes = await (await membership.Database.GetCollection<BsonDocument>("counter").Indexes.ListAsync(ct)).ToListAsync(ct);
            Assert.Contains(indexes, i => i["name"] == "ix_Count_1");
            Assert.Contains(indexes, i => i["name"] == "ix_Name_1");

            // Spread grains over both silos, with state in MongoDB.
            var keys = Enumerable.Range(0, 12).Select(i => $"g{i}").ToList();
            foreach (var key in keys)
            {
                Assert.Equal(1, await cluster.Client.GetGrain<ICounterGrain>(key).Increment());
            }

            var secondary = cluster.SecondarySilos[0];
            await cluster.StopSiloAsync(secondary, ct);

            await Eventually.TrueAsync(
                async () => await CountRowsAsync(membership, builder.Options.ClusterId, "Dead", ct) == 1,
                TimeSpan.FromSeconds(60), "the stopped silo's row to turn Dead in the MongoDB membership table");
            Assert.Equal(1, await CountActiveHostsAsync(management));

            // Every grain still answers, those of the stopped silo re-activated from their MongoDB state.
            foreach (var key in keys)
            {
                Assert.Equal(2, await cluster.Client.GetGrain<ICounterGrain>(key).Increment());
            }

            var counters = membership.Database.GetCollection<BsonDocument>("counter");
            Assert.Equal(keys.Count, await counters.CountDocumentsAsync(new BsonDocument("Count", 2), cancellationToken: ct));

            var survivor = Assert.Single((await ActiveHostsAsync(management)).Keys);
            var hosts = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<ICounterGrain>(k).GetSilo()));
            Assert.All(hosts, h => Assert.Equal(survivor.ToParsableString(), h));
        }
        finally
        {
            await cluster.StopAllSilosAsync(ct);
            await cluster.DisposeAsync();
            await MongoTestEnvironment.DropDatabaseAsync(connectionString, database);
        }
    }

    // IManagementGrain.GetHosts takes no CancellationToken; a helper keeps xUnit1051 from asking for one.
    private static Task<Dictionary<SiloAddress, SiloStatus>> ActiveHostsAsync(IManagementGrain management)
        => management.GetHosts(onlyActive: true);

    private static async Task<int> CountActiveHostsAsync(IManagementGrain management)
        => (await ActiveHostsAsync(management)).Count;

    private static async Task<int> CountRowsAsync(IMongoCollection<BsonDocument> membership, string clusterId, string status, CancellationToken ct)
    {
        var document = await membership.Find(new BsonDocument("_id", clusterId)).FirstOrDefaultAsync(ct);
        return document is null ? 0 : document["rows"].AsBsonDocument.Elements.Count(r => r.Value["status"].AsString == status);
    }
}
