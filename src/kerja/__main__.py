from kerja.cli.app import main

main()
