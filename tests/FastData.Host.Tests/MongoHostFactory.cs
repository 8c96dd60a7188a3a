using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FastData.Host.Tests;

/// <summary>The real host in-process with <c>ConnectionStrings:mongodb</c> set: records in MongoDB and cluster membership
/// in its membership table; its own silo and gateway ports, advertised on 127.0.0.1.</summary>
public sealed class MongoHostFactory : WebApplicationFactory<Program>
{
    /// <summary>The reader key the factory configures (send it in X-Api-Key).</summary>
    public const string ReaderKey = "mongo-host-tests-reader-key-7c1e4f0a9b2d4e6f";

    private readonly Dictionary<string, string?> _settings;

    public MongoHostFactory(string mongoUri, string database, string clusterId, bool sampleFeed)
    {
        _settings = new()
        {
            ["ConnectionStrings:mongodb"] = mongoUri,
            ["FastData:Mongo:Database"] = database,
            ["FastData:Silo:ClusterId"] = clusterId,
            ["FastData:Silo:AdvertisedIPAddress"] = "127.0.0.1",
            ["FastData:Silo:SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["FastData:Silo:GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            ["FastData:SampleFeed:Enabled"] = sampleFeed ? "true" : "false",
            ["FastData:ApiKeys:0:Name"] = "mongo-tests",
            ["FastData:ApiKeys:0:Key"] = ReaderKey,
            ["FastData:ApiKeys:0:Role"] = "Reader",
        };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
