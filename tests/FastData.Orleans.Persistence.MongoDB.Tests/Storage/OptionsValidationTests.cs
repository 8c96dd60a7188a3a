using Orleans.Runtime;

namespace FastData.Orleans.Persistence.MongoDB.Tests.Storage;

public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("", "db", "ConnectionString")]
    [InlineData("not a uri", "db", "ConnectionString")]
    [InlineData("mongodb://localhost", "", "DatabaseName")]
    public void GrainStorageValidator_MissingOrInvalidOption_NamesProviderAndOption(string connectionString, string database, string option)
    {
        var validator = new MongoDBGrainStorageOptionsValidator(new MongoDBGrainStorageOptions { ConnectionString = connectionString, DatabaseName = database }, "orders-store");

        var ex = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("orders-store", ex.Message, StringComparison.Ordinal);
        Assert.Contains(option, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GrainStorageValidator_BadGroupCommitSettings_AreAllReported()
    {
        var validator = new MongoDBGrainStorageOptionsValidator(new MongoDBGrainStorageOptions
        {
            ConnectionString = "mongodb://localhost",
            DatabaseName = "db",
            GroupCommitMaxBatchSize = 0,
            GroupCommitWindow = TimeSpan.FromSeconds(-1),
            VersionFieldName = "_id",
        }, "s");

        var ex = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("GroupCommitMaxBatchSize", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GroupCommitWindow", ex.Message, StringComparison.Ordinal);
        Assert.Contains("VersionFieldName", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GrainStorageValidator_InvalidConnectionString_DoesNotEchoCredentials()
    {
        var validator = new MongoDBGrainStorageOptionsValidator(new MongoDBGrainStorageOptions { ConnectionString = "mongodb://user:s3cret@/bad?x=", DatabaseName = "db" }, "s");

        var ex = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MembershipValidator_MissingDatabase_NamesOption()
    {
        var validator = new MongoDBMembershipOptionsValidator(Microsoft.Extensions.Options.Options.Create(new MongoDBMembershipOptions { ConnectionString = "mongodb://localhost" }));

        var ex = Assert.Throws<OrleansConfigurationException>(validator.ValidateConfiguration);

        Assert.Contains("DatabaseName", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mongodb://user:p%40ss@host1:27017,host2/db?replicaSet=rs", "mongodb://user:****@host1:27017,host2/db?replicaSet=rs")]
    [InlineData("mongodb+srv://admin:hunter2@cluster0.example.net/?retryWrites=true", "mongodb+srv://admin:****@cluster0.example.net/?retryWrites=true")]
    [InlineData("mongodb://localhost:27017", "mongodb://localhost:27017")]
    [InlineData("mongodb://user@host/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:abc", "mongodb://user@host/?authMechanism=MONGODB-AWS&authMechanismProperties=****")]
    [InlineData("garbage with password", "****")]
    [InlineData("", "")]
    public void Redactor_ConnectionString_HidesSecrets(string input, string expected)
        => Assert.Equal(expected, MongoConnectionStringRedactor.Redact(input));

    [Fact]
    public void RedactAttribute_OnConnectionStringOption_IsUsedByOrleansOptionLogging()
    {
        // Orleans' DefaultOptionsFormatter prints a property through GetCustomAttribute<RedactAttribute>(inherit: true).Redact(value).
        var property = typeof(MongoDBGrainStorageOptions).GetProperty(nameof(MongoDBGrainStorageOptions.ConnectionString))!;
        var attribute = Assert.Single(property.GetCustomAttributes(typeof(global::Orleans.RedactAttribute), inherit: true).Cast<global::Orleans.RedactAttribute>());

        Assert.Equal("mongodb://u:****@h/", attribute.Redact("mongodb://u:pw@h/"));
    }
}
