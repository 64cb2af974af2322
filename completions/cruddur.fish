# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cruddur_global_optspecs
    string join \n env= table= output= yes v/verbose stall-limit= h/help V/version
end

function __fish_cruddur_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cruddur_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cruddur_using_subcommand
    set -l cmd (__fish_cruddur_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cruddur -n "__fish_cruddur_needs_command" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_needs_command" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_needs_command" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_needs_command" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_needs_command" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_needs_command" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_needs_command" -s V -l version -d 'Print version'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "db" -d 'The Postgres database: create, drop, schema, seed, psql'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "ddb" -d 'The DynamoDB messages table'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "patterns" -d 'The app\'s access patterns on the messages table, read and written as its backend does'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "cognito" -d 'The Cognito user pool, and the Postgres users\' ids in it'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "rds" -d 'The RDS database\'s network access'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "bootstrap" -d 'Make the dev environment ready: database, tables, seed users, Cognito ids, messages table, a conversation'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "doctor" -d 'Check that the chosen env is reachable and ready; exits 1 when a required check fails'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "completions" -d 'Print a shell completion script (see the README to install it)'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "man" -d 'Print the man page (roff): cruddur man | man -l -'
complete -c cruddur -n "__fish_cruddur_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "create" -d 'Create the database named in the URL (nothing to do when it exists)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "drop" -d 'Drop the database (nothing to do when it is absent)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "schema-load" -d 'Replace the app\'s tables with sql/schema.sql, in one transaction'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "seed" -d 'Load the seed users and activities from sql/seed.sql, in one transaction'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "setup" -d 'drop, create, schema-load, seed (then cognito update-ids when a pool id is set)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "connect" -d 'Open psql on the env\'s database; arguments after -- go to psql'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "sessions" -d 'Who is connected to the server'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and not __fish_seen_subcommand_from create drop schema-load seed setup connect sessions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from create" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from create" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from create" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from create" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from create" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -l force -d 'Also end other sessions on it, so a running backend does not block the drop'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -l file -d 'Load this file instead of the embedded sql/schema.sql' -r -F
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from schema-load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -l file -d 'Load this file instead of the embedded sql/seed.sql' -r -F
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from seed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -l force -d 'Also end other sessions on the database, so a running backend does not block the drop'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from setup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from connect" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from connect" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from connect" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from connect" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from connect" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from connect" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from connect" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from sessions" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from sessions" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from sessions" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from sessions" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from sessions" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from sessions" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from sessions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "create" -d 'Create the database named in the URL (nothing to do when it exists)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Drop the database (nothing to do when it is absent)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "schema-load" -d 'Replace the app\'s tables with sql/schema.sql, in one transaction'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "seed" -d 'Load the seed users and activities from sql/seed.sql, in one transaction'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "setup" -d 'drop, create, schema-load, seed (then cognito update-ids when a pool id is set)'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "connect" -d 'Open psql on the env\'s database; arguments after -- go to psql'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "sessions" -d 'Who is connected to the server'
complete -c cruddur -n "__fish_cruddur_using_subcommand db; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -f -a "list-tables" -d 'List every table, following pagination'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -f -a "schema-load" -d 'Create the messages table and its GSI, and wait until it is ACTIVE (nothing to do when it exists)'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -f -a "drop" -d 'Delete a table (default: the messages table) and wait until it is gone'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -f -a "seed" -d 'Write a sample conversation between two users, as the app stores it'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -f -a "scan" -d 'Print every item, page by page as it arrives'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and not __fish_seen_subcommand_from list-tables schema-load drop seed scan help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from list-tables" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from list-tables" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from list-tables" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from list-tables" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from list-tables" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from list-tables" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from list-tables" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -l billing -d 'provisioned: 5 read / 5 write on the table and the GSI (the free tier)' -r -f -a "provisioned\t''
on-demand\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -l stream -d 'Turn on a stream with NEW_IMAGE (what `patterns follow-stream` reads)'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from schema-load" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from drop" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from drop" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from drop" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from drop" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from drop" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from drop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l conversation -d 'An embedded conversation or the path of a file of `Person 1: text` lines' -r -f -a "default\t''
short\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l my-handle -d 'Person 1\'s handle (a user in Postgres)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l other-handle -d 'Person 2\'s handle (a user in Postgres)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l group -d 'The message group\'s uuid (default: one fixed per conversation)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l end -d 'The last message\'s time (RFC 3339; default now); earlier ones are a minute apart' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l replace -d 'Delete the group\'s earlier rows first (needed when it already has messages)'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l dry-run -d 'Print the rows instead of writing them'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from seed" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -l limit -d 'Stop after this many items' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -l segments -d 'Scan in this many parallel segments' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from scan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from help" -f -a "list-tables" -d 'List every table, following pagination'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from help" -f -a "schema-load" -d 'Create the messages table and its GSI, and wait until it is ACTIVE (nothing to do when it exists)'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from help" -f -a "drop" -d 'Delete a table (default: the messages table) and wait until it is gone'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from help" -f -a "seed" -d 'Write a sample conversation between two users, as the app stores it'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from help" -f -a "scan" -d 'Print every item, page by page as it arrives'
complete -c cruddur -n "__fish_cruddur_using_subcommand ddb; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -f -a "get-conversation" -d 'A: a conversation\'s messages, as the app shows them (the newest page, oldest first)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -f -a "list-conversations" -d 'B: a user\'s conversations, the most recent first'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -f -a "send" -d 'C: send a message in an existing conversation (writes the message row only, as the backend does)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -f -a "start" -d 'D: start a conversation: a new group, its two group rows and the first message, written at once'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -f -a "follow-stream" -d 'E without AWS: the stream handler, moving both group rows to each new message (needs a stream)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and not __fish_seen_subcommand_from get-conversation list-conversations send start follow-stream help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l group -d 'The message group uuid (`patterns list-conversations` shows a user\'s groups)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l year -d 'Only this year (UTC); without --since or --until, the current year' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l since -d 'From this day or time on: 2026-05-01, 2026-05-01T09:30:00Z, 2026-05-01T09:30:00.000000+00:00' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l until -d 'Up to this day (all of it) or time; same formats as --since' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l limit -d 'How many rows, newest first [default: 20, the app\'s page]; with --all, the size of each page read' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l all -d 'Every row in the window, following pagination'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l consumed -d 'Also print the read capacity DynamoDB reports as consumed (on stderr)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from get-conversation" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l handle -d 'Whose conversations' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l year -d 'Only this year (UTC); without --since or --until, the current year' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l since -d 'From this day or time on: 2026-05-01, 2026-05-01T09:30:00Z, 2026-05-01T09:30:00.000000+00:00' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l until -d 'Up to this day (all of it) or time; same formats as --since' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l limit -d 'How many rows, newest first [default: 20, the app\'s page]; with --all, the size of each page read' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l all -d 'Every row in the window, following pagination'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l consumed -d 'Also print the read capacity DynamoDB reports as consumed (on stderr)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from list-conversations" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -l group -d 'The message group uuid' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -l from -d 'The sender\'s handle: a member of the conversation' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from send" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -l from -d 'The sender\'s handle' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -l to -d 'The other user\'s handle' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -l from -d 'Where to start, ignoring the checkpoint [default: the checkpoint, else trim-horizon]' -r -f -a "latest\t'Only records written from now on'
trim-horizon\t'The oldest records the stream still holds (24 hours on AWS)'"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -l once -d 'Process what is in the stream now, then exit'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from follow-stream" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from help" -f -a "get-conversation" -d 'A: a conversation\'s messages, as the app shows them (the newest page, oldest first)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from help" -f -a "list-conversations" -d 'B: a user\'s conversations, the most recent first'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from help" -f -a "send" -d 'C: send a message in an existing conversation (writes the message row only, as the backend does)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from help" -f -a "start" -d 'D: start a conversation: a new group, its two group rows and the first message, written at once'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from help" -f -a "follow-stream" -d 'E without AWS: the stream handler, moving both group rows to each new message (needs a stream)'
complete -c cruddur -n "__fish_cruddur_using_subcommand patterns; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -f -a "list-users" -d 'List every user of the pool (all pages)'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -f -a "update-ids" -d 'Set users.cognito_user_id in Postgres to each Cognito user\'s sub, matched on handle'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and not __fish_seen_subcommand_from list-users update-ids help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -l user-pool-id -d 'The user pool [default: AWS_COGNITO_USER_POOL_ID]' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -l map -d 'Print the {handle: sub} JSON object instead'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from list-users" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -l user-pool-id -d 'The user pool [default: AWS_COGNITO_USER_POOL_ID]' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -l dry-run -d 'Show what would change; write nothing'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from update-ids" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from help" -f -a "list-users" -d 'List every user of the pool (all pages)'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from help" -f -a "update-ids" -d 'Set users.cognito_user_id in Postgres to each Cognito user\'s sub, matched on handle'
complete -c cruddur -n "__fish_cruddur_using_subcommand cognito; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -f -a "update-sg-rule" -d 'Point the database\'s security group rule at this machine: TCP 5432 from IP/32'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and not __fish_seen_subcommand_from update-sg-rule help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l group-id -d 'The security group [default: DB_SG_ID]' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l rule-id -d 'The rule to change [default: DB_SG_RULE_ID]' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l ip -d 'This machine\'s IPv4 address [default: GITPOD_IP, else asked of checkip.amazonaws.com]' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l description -d 'The rule\'s description' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from update-sg-rule" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from help" -f -a "update-sg-rule" -d 'Point the database\'s security group rule at this machine: TCP 5432 from IP/32'
complete -c cruddur -n "__fish_cruddur_using_subcommand rds; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -l reset -d 'Start from scratch: drop the database and the messages table first'
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand bootstrap" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand doctor" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand doctor" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand doctor" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand doctor" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand doctor" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand doctor" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand completions" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand completions" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand completions" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand completions" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand completions" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand completions" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand man" -l env -d 'Which stack to talk to: dev (local servers) or prd (AWS)' -r -f -a "dev\t'Local servers: DynamoDB Local, Postgres from CONNECTION_URL'
prd\t'AWS and PROD_CONNECTION_URL'"
complete -c cruddur -n "__fish_cruddur_using_subcommand man" -l table -d 'The DynamoDB messages table' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand man" -l output -d 'table for people, json for scripts' -r -f -a "table\t''
json\t''"
complete -c cruddur -n "__fish_cruddur_using_subcommand man" -l stall-limit -d 'Give up on DynamoDB when nothing has gone through for this many seconds (throttling, errors, dropped connections are retried until then)' -r
complete -c cruddur -n "__fish_cruddur_using_subcommand man" -l yes -d 'Confirm destructive actions without asking'
complete -c cruddur -n "__fish_cruddur_using_subcommand man" -s v -l verbose -d 'Say more about what is being done'
complete -c cruddur -n "__fish_cruddur_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "db" -d 'The Postgres database: create, drop, schema, seed, psql'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "ddb" -d 'The DynamoDB messages table'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "patterns" -d 'The app\'s access patterns on the messages table, read and written as its backend does'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "cognito" -d 'The Cognito user pool, and the Postgres users\' ids in it'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "rds" -d 'The RDS database\'s network access'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "bootstrap" -d 'Make the dev environment ready: database, tables, seed users, Cognito ids, messages table, a conversation'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "doctor" -d 'Check that the chosen env is reachable and ready; exits 1 when a required check fails'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "completions" -d 'Print a shell completion script (see the README to install it)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "man" -d 'Print the man page (roff): cruddur man | man -l -'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and not __fish_seen_subcommand_from db ddb patterns cognito rds bootstrap doctor completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "create" -d 'Create the database named in the URL (nothing to do when it exists)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "drop" -d 'Drop the database (nothing to do when it is absent)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "schema-load" -d 'Replace the app\'s tables with sql/schema.sql, in one transaction'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "seed" -d 'Load the seed users and activities from sql/seed.sql, in one transaction'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "setup" -d 'drop, create, schema-load, seed (then cognito update-ids when a pool id is set)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "connect" -d 'Open psql on the env\'s database; arguments after -- go to psql'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from db" -f -a "sessions" -d 'Who is connected to the server'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from ddb" -f -a "list-tables" -d 'List every table, following pagination'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from ddb" -f -a "schema-load" -d 'Create the messages table and its GSI, and wait until it is ACTIVE (nothing to do when it exists)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from ddb" -f -a "drop" -d 'Delete a table (default: the messages table) and wait until it is gone'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from ddb" -f -a "seed" -d 'Write a sample conversation between two users, as the app stores it'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from ddb" -f -a "scan" -d 'Print every item, page by page as it arrives'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from patterns" -f -a "get-conversation" -d 'A: a conversation\'s messages, as the app shows them (the newest page, oldest first)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from patterns" -f -a "list-conversations" -d 'B: a user\'s conversations, the most recent first'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from patterns" -f -a "send" -d 'C: send a message in an existing conversation (writes the message row only, as the backend does)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from patterns" -f -a "start" -d 'D: start a conversation: a new group, its two group rows and the first message, written at once'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from patterns" -f -a "follow-stream" -d 'E without AWS: the stream handler, moving both group rows to each new message (needs a stream)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from cognito" -f -a "list-users" -d 'List every user of the pool (all pages)'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from cognito" -f -a "update-ids" -d 'Set users.cognito_user_id in Postgres to each Cognito user\'s sub, matched on handle'
complete -c cruddur -n "__fish_cruddur_using_subcommand help; and __fish_seen_subcommand_from rds" -f -a "update-sg-rule" -d 'Point the database\'s security group rule at this machine: TCP 5432 from IP/32'
