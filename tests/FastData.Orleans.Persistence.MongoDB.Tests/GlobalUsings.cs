global using MongoDB.Driver;
global using Xunit;
