using MongoDB.Driver;

namespace FastData.Orleans.Persistence.MongoDB.Tests;

/// <summary>Reads the MongoDB server under test from MONGO_URI; fails (FASTDATA_REQUIRE_INFRA=1) or skips without it.</summary>
internal static class MongoTestEnvironment
{
    public static string RequireConnectionString()
    {
        var uri = Environment.GetEnvironmentVariable("MONGO_URI");
        if (!string.IsNullOrWhiteSpace(uri))
        {
            return uri;
        }

        if (Environment.GetEnvironmentVariable("FASTDATA_REQUIRE_INFRA") == "1")
        {
            Assert.Fail("MONGO_URI is not set but FASTDATA_REQUIRE_INFRA=1: a MongoDB server is required for this test.");
        }

        Assert.Skip("MONGO_URI is not set; set it to a MongoDB server to run this test.");
        return string.Empty;
    }

    /// <summary>A database name of our own per test, so tests never see each other's data.</summary>
    public static string NewDatabaseName(string prefix = "fdmongo")
    {
        // MongoDB limits database names to 63 bytes; keep them short and unique.
        var name = $"{prefix}_{Guid.NewGuid():N}";
        return name.Length > 40 ? name[..40] : name;
    }

    public static async Task DropDatabaseAsync(string connectionString, string databaseName)
    {
        try
        {
            await new MongoClient(connectionString).DropDatabaseAsync(databaseName);
        }
        catch (MongoException)
        {
            // Best effort: a leftover database with a random name harms nobody.
        }
    }
}
