// The container made one AppService at start-up; it calls greeting() through the live binding,
// so an edit to greeting.ts is accepted here and the count survives it.
import { Injectable } from "@nestjs/common";
import { greeting } from "./greeting.js";

@Injectable()
export class AppService {
  private visits = 0;

  getHello(): string {
    this.visits += 1;
    return `${greeting()} #${this.visits}`;
  }
}

import.meta.hot?.accept("./greeting.js");
