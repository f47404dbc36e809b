using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace MailCheck.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Checks",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(22)", unicode: false, maxLength: 22, nullable: false),
                    Domain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<long>(type: "bigint", nullable: true),
                    FinishedAt = table.Column<long>(type: "bigint", nullable: true),
                    RequestJson = table.Column<string>(type: "text", nullable: false),
                    LastSeq = table.Column<int>(type: "integer", nullable: false),
                    LeaseExpiresAt = table.Column<long>(type: "bigint", nullable: true),
                    Owner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Pinned = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Checks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RateLimitHits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Scope = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RateLimitHits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CheckEvents",
                columns: table => new
                {
                    CheckId = table.Column<string>(type: "character varying(22)", unicode: false, maxLength: 22, nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Json = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckEvents", x => new { x.CheckId, x.Seq });
                    table.ForeignKey(
                        name: "FK_CheckEvents_Checks_CheckId",
                        column: x => x.CheckId,
                        principalTable: "Checks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Checks_CreatedAt",
                table: "Checks",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Checks_Domain_CreatedAt",
                table: "Checks",
                columns: new[] { "Domain", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Checks_Lease",
                table: "Checks",
                column: "LeaseExpiresAt",
                filter: "\"Status\" <> 'Finished'");

            migrationBuilder.CreateIndex(
                name: "IX_Checks_Outcome_CreatedAt",
                table: "Checks",
                columns: new[] { "Outcome", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Checks_Owner",
                table: "Checks",
                column: "Owner",
                filter: "\"Status\" <> 'Finished'");

            migrationBuilder.CreateIndex(
                name: "IX_Checks_Queue",
                table: "Checks",
                column: "CreatedAt",
                filter: "\"Status\" = 'Queued'");

            migrationBuilder.CreateIndex(
                name: "IX_Checks_Status",
                table: "Checks",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitHits_At",
                table: "RateLimitHits",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_RateLimitHits_Scope_Key_At",
                table: "RateLimitHits",
                columns: new[] { "Scope", "Key", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CheckEvents");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "RateLimitHits");

            migrationBuilder.DropTable(
                name: "Checks");
        }
    }
}
