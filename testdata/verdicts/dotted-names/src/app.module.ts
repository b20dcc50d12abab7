import { UsersController } from "./users.controller";

export class AppModule {
  controllers = [new UsersController()];
  describe(): string {
    return `app with ${this.controllers.length} controller`;
  }
}

import.meta.hot?.accept();
