from assistant.cli.commands import main

raise SystemExit(main())
